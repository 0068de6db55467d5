/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Where a member's post stands: PUBLISHED (everyone sees it), HELD (waits for a moderator), HIDDEN (hidden by flags or a moderator), REMOVED (deleted). */
export type ContentStatus =
  | 'HELD'
  | 'HIDDEN'
  | 'PUBLISHED'
  | 'REMOVED';

/** An enumeration. */
export type FlagContentErrorCode =
  | 'ALREADY_FLAGGED'
  | 'INVALID'
  | 'NOT_FOUND'
  | 'OWN_CONTENT'
  | 'RATE_LIMITED'
  | 'SUSPENDED'
  | 'TOO_LONG'
  | 'UNAUTHENTICATED';

/** Why a post is flagged: SPAM, ABUSE, SPOILER (unmarked), OFF_TOPIC, PERSONAL_DATA (someone's private data is shared), OTHER (explain in the note). */
export type FlagReason =
  | 'ABUSE'
  | 'OFF_TOPIC'
  | 'OTHER'
  | 'PERSONAL_DATA'
  | 'SPAM'
  | 'SPOILER';

/** An enumeration. */
export type ModerateContentErrorCode =
  | 'FORBIDDEN'
  | 'INVALID'
  | 'NOT_FOUND'
  | 'TOO_LONG'
  | 'UNAUTHENTICATED';

/** APPROVE (publish held or flagged content), HIDE, DELETE, SUSPEND_MEMBER (hide it and suspend its author), RESTORE (publish hidden or deleted content again). */
export type ModerationActionKind =
  | 'APPROVE'
  | 'DELETE'
  | 'HIDE'
  | 'RESTORE'
  | 'SUSPEND_MEMBER';

export type FlagContentMutationVariables = Exact<{
  targetId: string | number;
  reason: FlagReason;
  note?: string | null | undefined;
}>;


export type FlagContentMutation = { flagContent: { flagged: boolean, errors: Array<{ code: FlagContentErrorCode, field: string | null, message: string }> } | null };

export type ModerateContentMutationVariables = Exact<{
  targetId: string | number;
  action: ModerationActionKind;
  note?: string | null | undefined;
}>;


export type ModerateContentMutation = { moderateContent: { status: ContentStatus | null, errors: Array<{ code: ModerateContentErrorCode, field: string | null, message: string }> } | null };


export const FlagContentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlagContent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FlagReason"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flagContent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flagged"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlagContentError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FlagContentMutation, FlagContentMutationVariables>;
export const ModerateContentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ModerateContent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModerationActionKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moderateContent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModerateContentError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ModerateContentMutation, ModerateContentMutationVariables>;