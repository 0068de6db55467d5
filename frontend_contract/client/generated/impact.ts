/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The span `libraryStats` covers, in the library's time zone. */
export type StatsPeriod =
  /** The 365 days up to today. */
  | 'LAST_12_MONTHS'
  /** The 30 days up to today. */
  | 'LAST_30_DAYS'
  /** The whole of last calendar year. */
  | 'LAST_YEAR'
  /** From 1 January of this year to today. */
  | 'THIS_YEAR';

export type LibraryImpactQueryVariables = Exact<{
  period: StatsPeriod;
}>;


export type LibraryImpactQuery = { libraryStats: { start: string, end: string, hiddenBelow: number, newMembers: number | null, visits: number | null, loans: number | null, ebookReads: number | null, datasetDownloads: number | null, programAttendees: number | null, questionsAnswered: number | null, months: Array<{ month: string, newMembers: number | null, visits: number | null, loans: number | null, ebookReads: number | null, programAttendees: number | null, questionsAnswered: number | null }> } };


export const LibraryImpactDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LibraryImpact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StatsPeriod"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"libraryStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenBelow"}},{"kind":"Field","name":{"kind":"Name","value":"newMembers"}},{"kind":"Field","name":{"kind":"Name","value":"visits"}},{"kind":"Field","name":{"kind":"Name","value":"loans"}},{"kind":"Field","name":{"kind":"Name","value":"ebookReads"}},{"kind":"Field","name":{"kind":"Name","value":"datasetDownloads"}},{"kind":"Field","name":{"kind":"Name","value":"programAttendees"}},{"kind":"Field","name":{"kind":"Name","value":"questionsAnswered"}},{"kind":"Field","name":{"kind":"Name","value":"months"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"newMembers"}},{"kind":"Field","name":{"kind":"Name","value":"visits"}},{"kind":"Field","name":{"kind":"Name","value":"loans"}},{"kind":"Field","name":{"kind":"Name","value":"ebookReads"}},{"kind":"Field","name":{"kind":"Name","value":"programAttendees"}},{"kind":"Field","name":{"kind":"Name","value":"questionsAnswered"}}]}}]}}]}}]} as unknown as DocumentNode<LibraryImpactQuery, LibraryImpactQueryVariables>;