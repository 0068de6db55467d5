/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An enumeration. */
export type BorrowEbookErrorCode =
  | 'BLOCKED'
  | 'NOT_AVAILABLE'
  | 'NOT_FOUND'
  | 'NOT_LENT'
  | 'UNAUTHENTICATED';

/** An enumeration. */
export type CancelEbookHoldErrorCode =
  | 'NOT_ACTIVE'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED';

/** Who may read a digital edition: OPEN (anyone downloads), MEMBERS (signed-in members download), LICENSED (borrowed like a copy: a number of concurrent loans, a loan period and a waiting list). */
export type EbookAccess =
  | 'LICENSED'
  | 'MEMBERS'
  | 'OPEN';

/** Why the viewer may or may not download now: OPEN (anyone), MEMBER (a signed-in member), ON_LOAN (the viewer's loan); SIGN_IN (members only or lent: sign in first), BORROW (`borrowEbook` first; when every copy is out, `placeEbookHold`), ON_HOLD (on the waiting list), READY_TO_BORROW (a copy is set aside for the viewer: `borrowEbook`). */
export type EbookAccessReason =
  | 'BORROW'
  | 'MEMBER'
  | 'ON_HOLD'
  | 'ON_LOAN'
  | 'OPEN'
  | 'READY_TO_BORROW'
  | 'SIGN_IN';

/** The file format of a digital edition: EPUB or PDF. */
export type EbookFormat =
  | 'EPUB'
  | 'PDF';

/** Where a place on an e-book's waiting list stands: WAITING → READY (a copy is set aside until `readyUntil`) → COLLECTED (borrowed); or EXPIRED / CANCELLED. */
export type EbookHoldState =
  | 'CANCELLED'
  | 'COLLECTED'
  | 'EXPIRED'
  | 'READY'
  | 'WAITING';

/** An enumeration. */
export type PlaceEbookHoldErrorCode =
  | 'ALREADY_HELD'
  | 'ALREADY_ON_LOAN'
  | 'AVAILABLE_NOW'
  | 'BLOCKED'
  | 'NOT_FOUND'
  | 'NOT_LENT'
  | 'UNAUTHENTICATED';

/** An enumeration. */
export type ReturnEbookErrorCode =
  | 'NOT_ACTIVE'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED';

export type ElibraryPageQueryVariables = Exact<{
  query?: string | null | undefined;
  access?: EbookAccess | null | undefined;
  format?: EbookFormat | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ElibraryPageQuery = { ebooks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, authors: Array<{ name: string }>, digitalEditions: Array<{ id: string, format: EbookFormat, mediaType: string, byteSize: number, access: EbookAccess, licence: string | null, licensedCopies: number | null, availableCopies: number | null, holdsWaiting: number | null, loanPeriodDays: number | null, viewerAccess: { canDownload: boolean, reason: EbookAccessReason, downloadUrl: string | null, hold: { id: string, state: EbookHoldState, queuePosition: number | null, readyUntil: string | null } | null } }> } | null } | null> } | null };

export type EditionCardFragment = { id: string, format: EbookFormat, mediaType: string, byteSize: number, access: EbookAccess, licence: string | null, licensedCopies: number | null, availableCopies: number | null, holdsWaiting: number | null, loanPeriodDays: number | null, viewerAccess: { canDownload: boolean, reason: EbookAccessReason, downloadUrl: string | null, hold: { id: string, state: EbookHoldState, queuePosition: number | null, readyUntil: string | null } | null } };

export type BookEbooksQueryVariables = Exact<{
  id: string | number;
}>;


export type BookEbooksQuery = { book: { id: string, title: string, digitalEditions: Array<{ id: string, format: EbookFormat, mediaType: string, byteSize: number, access: EbookAccess, licence: string | null, licensedCopies: number | null, availableCopies: number | null, holdsWaiting: number | null, loanPeriodDays: number | null, viewerAccess: { canDownload: boolean, reason: EbookAccessReason, downloadUrl: string | null, hold: { id: string, state: EbookHoldState, queuePosition: number | null, readyUntil: string | null } | null } }> } | null };

export type SearchEbooksQueryVariables = Exact<{
  query: string;
  first?: number | null | undefined;
}>;


export type SearchEbooksQuery = { search: { edges: Array<{ node:
        | { id: string, title: string, digitalEditions: Array<{ id: string, format: EbookFormat, access: EbookAccess, viewerAccess: { reason: EbookAccessReason } }> }
        | Record<PropertyKey, never>
       | null } | null> } };

export type MyEbooksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyEbooksQuery = { myEbookLoans: { totalCount: number, edges: Array<{ node: { id: string, startedAt: string, dueAt: string, active: boolean, downloadUrl: string | null, book: { id: string, title: string }, edition: { id: string, format: EbookFormat } } | null } | null> } | null, myEbookHolds: { edges: Array<{ node: { id: string, state: EbookHoldState, queuePosition: number | null, readyUntil: string | null, book: { id: string, title: string }, edition: { id: string, format: EbookFormat } } | null } | null> } | null };

export type BorrowEbookMutationVariables = Exact<{
  edition: string | number;
}>;


export type BorrowEbookMutation = { borrowEbook: { loan: { id: string, dueAt: string, downloadUrl: string | null } | null, errors: Array<{ code: BorrowEbookErrorCode, field: string | null, message: string }> } | null };

export type ReturnEbookMutationVariables = Exact<{
  loan: string | number;
}>;


export type ReturnEbookMutation = { returnEbook: { loan: { id: string, returnedAt: string | null } | null, errors: Array<{ code: ReturnEbookErrorCode, message: string }> } | null };

export type PlaceEbookHoldMutationVariables = Exact<{
  edition: string | number;
}>;


export type PlaceEbookHoldMutation = { placeEbookHold: { hold: { id: string, state: EbookHoldState, queuePosition: number | null } | null, errors: Array<{ code: PlaceEbookHoldErrorCode, message: string }> } | null };

export type CancelEbookHoldMutationVariables = Exact<{
  hold: string | number;
}>;


export type CancelEbookHoldMutation = { cancelEbookHold: { hold: { id: string, state: EbookHoldState } | null, errors: Array<{ code: CancelEbookHoldErrorCode, message: string }> } | null };

export const EditionCardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EditionCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DigitalEdition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"byteSize"}},{"kind":"Field","name":{"kind":"Name","value":"access"}},{"kind":"Field","name":{"kind":"Name","value":"licence"}},{"kind":"Field","name":{"kind":"Name","value":"licensedCopies"}},{"kind":"Field","name":{"kind":"Name","value":"availableCopies"}},{"kind":"Field","name":{"kind":"Name","value":"holdsWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"loanPeriodDays"}},{"kind":"Field","name":{"kind":"Name","value":"viewerAccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"canDownload"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"hold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"queuePosition"}},{"kind":"Field","name":{"kind":"Name","value":"readyUntil"}}]}}]}}]}}]} as unknown as DocumentNode<EditionCardFragment, unknown>;
export const ElibraryPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ElibraryPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"access"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EbookAccess"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EbookFormat"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ebooks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"access"},"value":{"kind":"Variable","name":{"kind":"Name","value":"access"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"authors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"digitalEditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EditionCard"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EditionCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DigitalEdition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"byteSize"}},{"kind":"Field","name":{"kind":"Name","value":"access"}},{"kind":"Field","name":{"kind":"Name","value":"licence"}},{"kind":"Field","name":{"kind":"Name","value":"licensedCopies"}},{"kind":"Field","name":{"kind":"Name","value":"availableCopies"}},{"kind":"Field","name":{"kind":"Name","value":"holdsWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"loanPeriodDays"}},{"kind":"Field","name":{"kind":"Name","value":"viewerAccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"canDownload"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"hold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"queuePosition"}},{"kind":"Field","name":{"kind":"Name","value":"readyUntil"}}]}}]}}]}}]} as unknown as DocumentNode<ElibraryPageQuery, ElibraryPageQueryVariables>;
export const BookEbooksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BookEbooks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"book"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"digitalEditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EditionCard"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EditionCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DigitalEdition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"byteSize"}},{"kind":"Field","name":{"kind":"Name","value":"access"}},{"kind":"Field","name":{"kind":"Name","value":"licence"}},{"kind":"Field","name":{"kind":"Name","value":"licensedCopies"}},{"kind":"Field","name":{"kind":"Name","value":"availableCopies"}},{"kind":"Field","name":{"kind":"Name","value":"holdsWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"loanPeriodDays"}},{"kind":"Field","name":{"kind":"Name","value":"viewerAccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"canDownload"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"hold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"queuePosition"}},{"kind":"Field","name":{"kind":"Name","value":"readyUntil"}}]}}]}}]}}]} as unknown as DocumentNode<BookEbooksQuery, BookEbooksQueryVariables>;
export const SearchEbooksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchEbooks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"BOOK"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Book"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"digitalEditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"access"}},{"kind":"Field","name":{"kind":"Name","value":"viewerAccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchEbooksQuery, SearchEbooksQueryVariables>;
export const MyEbooksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyEbooks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myEbookLoans"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"book"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"format"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"myEbookHolds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"book"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"format"}}]}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"queuePosition"}},{"kind":"Field","name":{"kind":"Name","value":"readyUntil"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyEbooksQuery, MyEbooksQueryVariables>;
export const BorrowEbookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BorrowEbook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"edition"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"borrowEbook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"edition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"edition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BorrowEbookMutation, BorrowEbookMutationVariables>;
export const ReturnEbookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReturnEbook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"loan"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"returnEbook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"loan"},"value":{"kind":"Variable","name":{"kind":"Name","value":"loan"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"returnedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ReturnEbookMutation, ReturnEbookMutationVariables>;
export const PlaceEbookHoldDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlaceEbookHold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"edition"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placeEbookHold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"edition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"edition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"queuePosition"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PlaceEbookHoldMutation, PlaceEbookHoldMutationVariables>;
export const CancelEbookHoldDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelEbookHold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hold"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelEbookHold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"hold"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hold"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CancelEbookHoldMutation, CancelEbookHoldMutationVariables>;