/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Who a title is written for. */
export type Audience =
  /** Adults. */
  | 'ADULTS'
  /** Everyone; such titles also match every `audience` filter. */
  | 'ALL'
  /** Children (up to about 12). */
  | 'CHILDREN'
  /** Teenagers. */
  | 'TEENS';

/** A language of the content and of messages: `ID` (Bahasa Indonesia, the default) or `EN` (English). */
export type LanguageCode =
  | 'EN'
  | 'ID';

/** How `pages` orders its results. */
export type PageOrdering =
  /** By the news date or the program's first session, latest first; other pages by first publication. Use with `type: NEWS` or `PROGRAM`. */
  | 'DATE_NEWEST'
  /** As `DATE_NEWEST`, earliest first (upcoming programs). */
  | 'DATE_OLDEST'
  /** Most recently first published first. */
  | 'PUBLISHED_NEWEST'
  /** Earliest first published first. */
  | 'PUBLISHED_OLDEST'
  /** By title, A to Z. */
  | 'TITLE'
  /** As editors arranged them in the page tree (the default). */
  | 'TREE';

/** Where a program happens: online, on site or both. */
export type ProgramFormat =
  | 'HYBRID'
  | 'ONLINE'
  | 'ON_SITE';

/** What kind of program it is. */
export type ProgramKind =
  | 'BOOK_CLUB'
  | 'EXHIBITION'
  | 'SCHOOL_VISIT'
  | 'SEMINAR'
  | 'TRAINING'
  | 'WEBINAR'
  | 'WORKSHOP';

export type ProgramListQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  locale?: LanguageCode | null | undefined;
  upcoming?: boolean | null | undefined;
  orderBy?: PageOrdering | null | undefined;
}>;


export type ProgramListQuery = { pages: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node:
        | { id: string, title: string, path: string | null, locale: string }
        | { id: string, title: string, path: string | null, locale: string }
        | { id: string, title: string, path: string | null, locale: string }
        | { id: string, title: string, path: string | null, locale: string }
        | { id: string, title: string, path: string | null, locale: string }
        | { id: string, title: string, path: string | null, locale: string }
        | { kind: ProgramKind, format: ProgramFormat, audience: Audience, intro: string, startsAt: string | null, endsAt: string | null, venue: string, onlinePlatform: string, registrationOpen: boolean, id: string, title: string, path: string | null, locale: string, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null }
        | { id: string, title: string, path: string | null, locale: string }
        | { id: string, title: string, path: string | null, locale: string }
        | { id: string, title: string, path: string | null, locale: string }
       | null } | null> } };


export const ProgramListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProgramList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"locale"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LanguageCode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"upcoming"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}},"defaultValue":{"kind":"BooleanValue","value":true}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PageOrdering"}},"defaultValue":{"kind":"EnumValue","value":"DATE_OLDEST"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"EnumValue","value":"PROGRAM"}},{"kind":"Argument","name":{"kind":"Name","value":"upcoming"},"value":{"kind":"Variable","name":{"kind":"Name","value":"upcoming"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"locale"},"value":{"kind":"Variable","name":{"kind":"Name","value":"locale"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProgramPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"onlinePlatform"}},{"kind":"Field","name":{"kind":"Name","value":"registrationOpen"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProgramListQuery, ProgramListQueryVariables>;