import type { HandlerResponse, HandlerTable } from './handler.ts';
import { notFound, ok, paginate } from './handler.ts';
import type { Actor } from './pull-access.ts';
import { commentJson, labelJson } from './pull-resources.ts';
import type { RepoScope } from './pull-scope.ts';
import {
  bodyTooLong,
  MAX_BODY,
  now,
  pullOf,
  validationFailed,
  withRepoScope,
  writeRefusal,
} from './pull-scope.ts';
import { errorJson } from './resources.ts';
import type { WorldLabel, WorldPull } from './world.ts';

/** Labels as the two body shapes GitHub accepts name them. */
interface LabelsBody {
  labels?: (string | { name: string })[];
}

interface CommentBody {
  body: string;
}

/**
 * Issue endpoints as they apply to pull requests (GitHub numbers both
 * alike): labels and comments. The world has no plain issues, so an
 * issue number that is not a pull request is not found.
 */
export function issueHandlers(actor: Actor): HandlerTable {
  const onPull = (
    answer: (scope: RepoScope, pull: WorldPull) => HandlerResponse,
  ): HandlerTable[string] => {
    return (context) =>
      withRepoScope(context, actor, (scope) => {
        const pull = pullOf(scope);
        return pull === undefined ? notFound() : answer(scope, pull);
      });
  };
  const labelsOf = (scope: RepoScope, pull: WorldPull) =>
    pull.labels.flatMap((name) => {
      const label = scope.repo.labels.find((l) => l.name === name);
      return label === undefined
        ? []
        : [labelJson(scope.context.urls, scope.fullName, label)];
    });

  return {
    'issues/list-labels-on-issue': onPull((scope, pull) =>
      paginate(scope.context, labelsOf(scope, pull)),
    ),

    'issues/add-labels': onPull((scope, pull) => {
      const refused = writeRefusal(scope, 'triage');
      if (refused !== undefined) return refused;
      const names = labelNames(scope.context.body as LabelsBody);
      for (const name of names) {
        const label = ensureLabel(scope, name);
        if (!pull.labels.includes(label.name)) pull.labels.push(label.name);
      }
      pull.updatedAt = now();
      return ok(labelsOf(scope, pull));
    }),

    'issues/set-labels': onPull((scope, pull) => {
      const refused = writeRefusal(scope, 'triage');
      if (refused !== undefined) return refused;
      const names = labelNames(scope.context.body as LabelsBody);
      pull.labels = [...new Set(names.map((n) => ensureLabel(scope, n).name))];
      pull.updatedAt = now();
      return ok(labelsOf(scope, pull));
    }),

    'issues/remove-label': onPull((scope, pull) => {
      const refused = writeRefusal(scope, 'triage');
      if (refused !== undefined) return refused;
      const wanted = (scope.context.params.name ?? '').toLowerCase();
      const held = pull.labels.find((n) => n.toLowerCase() === wanted);
      if (held === undefined) {
        return {
          status: 404,
          body: errorJson('Label does not exist', 404),
          protocol: true,
        };
      }
      pull.labels = pull.labels.filter((n) => n !== held);
      pull.updatedAt = now();
      return ok(labelsOf(scope, pull));
    }),

    'issues/remove-all-labels': onPull((scope, pull) => {
      const refused = writeRefusal(scope, 'triage');
      if (refused !== undefined) return refused;
      pull.labels = [];
      pull.updatedAt = now();
      return { status: 204 };
    }),

    'issues/list-comments': onPull((scope, pull) => {
      const since = scope.context.query.since;
      const comments = scope.repo.comments
        .filter((c) => c.issue === pull.number)
        .filter((c) => typeof since !== 'string' || c.updatedAt >= since)
        .map((c) => commentJson(scope.view, c));
      return paginate(scope.context, comments);
    }),

    'issues/create-comment': onPull((scope, pull) => {
      const refused = writeRefusal(scope, 'pull');
      if (refused !== undefined) return refused;
      const { body } = scope.context.body as CommentBody;
      const invalid = commentProblem(body);
      if (invalid !== undefined) return invalid;
      const at = now();
      const comment = {
        id: scope.context.world.nextId(),
        issue: pull.number,
        body,
        author: scope.actor.login,
        createdAt: at,
        updatedAt: at,
      };
      scope.repo.comments.push(comment);
      return ok(commentJson(scope.view, comment), 201);
    }),

    'issues/get-comment': (context) =>
      withRepoScope(context, actor, (scope) => {
        const comment = commentOf(scope);
        return comment === undefined
          ? notFound()
          : ok(commentJson(scope.view, comment));
      }),

    'issues/update-comment': (context) =>
      withRepoScope(context, actor, (scope) => {
        const comment = commentOf(scope);
        if (comment === undefined) return notFound();
        // Authors edit their own comments; others need write access.
        const refused = writeRefusal(scope, 'push', {
          author: comment.author,
        });
        if (refused !== undefined) return refused;
        const { body } = context.body as CommentBody;
        const invalid = commentProblem(body);
        if (invalid !== undefined) return invalid;
        comment.body = body;
        comment.updatedAt = now();
        return ok(commentJson(scope.view, comment));
      }),
  };
}

function labelNames(body: LabelsBody): string[] {
  return (body.labels ?? [])
    .map((label) => (typeof label === 'string' ? label : label.name).trim())
    .filter((name) => name !== '');
}

/**
 * The repository's label by that name, matched regardless of case as
 * GitHub does, or a new one: adding an unknown label to an issue creates
 * it, grey and without a description.
 */
function ensureLabel(scope: RepoScope, name: string): WorldLabel {
  const existing = scope.repo.labels.find(
    (l) => l.name.toLowerCase() === name.toLowerCase(),
  );
  if (existing !== undefined) return existing;
  const label: WorldLabel = {
    id: scope.context.world.nextId(),
    name,
    color: 'ededed',
    description: null,
    default: false,
  };
  scope.repo.labels.push(label);
  return label;
}

function commentOf(scope: RepoScope) {
  const id = Number(scope.context.params.comment_id);
  return scope.repo.comments.find((c) => c.id === id);
}

function commentProblem(body: string): HandlerResponse | undefined {
  if (body.trim() === '') {
    return validationFailed({
      resource: 'IssueComment',
      code: 'missing_field',
      field: 'body',
    });
  }
  if (body.length > MAX_BODY) {
    return validationFailed(bodyTooLong('IssueComment'));
  }
  return undefined;
}
