import type { GithubClient } from './github-client.ts';
import { pullsError, readFailure, tokenOf } from './github-pulls-errors.ts';

const PER_PAGE = 100;

/** What GitHub told about the teams CODEOWNERS and policies name. */
export interface TeamMembership {
  /** Logins by lowercased `@org/team`, child teams' members included. */
  members: Map<string, string[]>;
  /** Why a team's members could not be read, by lowercased `@org/team`. */
  unreadable: Map<string, string>;
}

/**
 * The members of each `@org/team`, read once each however often the
 * team is named (the list is deduplicated, so a run reads a team once).
 * A team the token may not read (403) or cannot see (404) is not an
 * error: GitHub answers so for a token without read:org, or for a
 * secret team, and the audit then says the ownership could not be
 * verified, and why. Other failures (a bad token, a rate limit that
 * would not clear) stop the run as every other GitHub call does.
 */
export async function readTeamMembers(
  client: GithubClient,
  teams: Iterable<string>,
): Promise<TeamMembership> {
  const result: TeamMembership = { members: new Map(), unreadable: new Map() };
  const wanted = [...new Set([...teams].map((t) => t.toLowerCase()))].sort();
  for (const team of wanted) {
    const match = /^@([^/]+)\/(.+)$/.exec(team);
    const org = match?.[1];
    const slug = match?.[2];
    if (org === undefined || slug === undefined) continue;
    const endpoint = `GET /orgs/${org}/teams/${slug}/members`;
    try {
      const members = await client.paginate(
        client.rest.teams.listMembersInOrg,
        { org, team_slug: slug, per_page: PER_PAGE },
      );
      result.members.set(
        team,
        members.map((m) => m.login),
      );
    } catch (error) {
      const failure = readFailure(error);
      // A 403 that is a rate limit the plugins could not wait out is a
      // failure of the run, not an answer about the team.
      const limited =
        failure.headers['x-ratelimit-remaining'] === '0' ||
        failure.headers['retry-after'] !== undefined ||
        /rate limit/i.test(failure.message);
      if (failure.status === 404) {
        result.unreadable.set(
          team,
          `GitHub shows the token no such team (404 on ${endpoint})`,
        );
      } else if (failure.status === 403 && !limited) {
        result.unreadable.set(
          team,
          `the token may not read its members (403 on ${endpoint}); a token with read:org can`,
        );
      } else {
        throw pullsError(error, endpoint, await tokenOf(client));
      }
    }
  }
  return result;
}
