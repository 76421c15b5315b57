import { Document, Scalar } from 'yaml';
import type { Role } from '../model/index.ts';

/**
 * A role as file text, keys in the order of docs/formats.md so that the
 * same role always gives the same bytes and a change gives a small diff.
 * Empty optional parts are left out rather than written as `[]`.
 */
export function roleToYaml(role: Role): string {
  const file: Record<string, unknown> = {
    id: role.id,
    title: role.title,
  };
  if (role.description !== '') file['description'] = role.description;
  file['audience'] = role.audience;
  file['owners'] = role.owners;
  file['entitlements'] = role.entitlements;
  const membership: Record<string, unknown> = {};
  if (role.membership.identities.length > 0) {
    membership['identities'] = role.membership.identities;
  }
  if (role.membership.criteria.length > 0) {
    membership['criteria'] = role.membership.criteria.map((criterion) =>
      Object.fromEntries(
        criterion.map((c) => [
          c.attribute,
          c.values.length === 1 ? c.values[0] : c.values,
        ]),
      ),
    );
  }
  if (Object.keys(membership).length > 0) file['membership'] = membership;
  const review: Record<string, string> = {};
  if (role.review.lastReviewed !== undefined) {
    review['last_reviewed'] = role.review.lastReviewed;
  }
  if (role.review.nextReview !== undefined) {
    review['next_review'] = role.review.nextReview;
  }
  if (Object.keys(review).length > 0) file['review'] = review;
  if (role.labels.length > 0) file['labels'] = role.labels;
  if (role.evidence !== undefined) file['evidence'] = role.evidence;
  const document = new Document(file, { aliasDuplicateObjects: false });
  // A long description reads best as a folded block, like hand-written
  // roles; the writer falls back to quoting when a block cannot hold it.
  const description = document.get('description', true);
  if (description instanceof Scalar && role.description.length > 60) {
    description.type = Scalar.BLOCK_FOLDED;
  }
  // Plain YYYY-MM-DD scalars stay strings: the reader uses the YAML 1.2
  // core schema, which has no timestamp type.
  return document.toString({ lineWidth: 80, singleQuote: true });
}
