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

export type RecommendationQueryVariables = Exact<{
  path: string;
  site?: string | null | undefined;
}>;


export type RecommendationQuery = { page:
    | { __typename: 'DatasetIndexPage', id: string, title: string, path: string | null, locale: string, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
    | { __typename: 'DatasetPage', id: string, title: string, path: string | null, locale: string, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
    | { __typename: 'HomePage', id: string, title: string, path: string | null, locale: string, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
    | { __typename: 'NewsIndexPage', id: string, title: string, path: string | null, locale: string, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
    | { __typename: 'NewsPage', id: string, title: string, path: string | null, locale: string, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
    | { __typename: 'ProgramIndexPage', id: string, title: string, path: string | null, locale: string, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
    | { __typename: 'ProgramPage', id: string, title: string, path: string | null, locale: string, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
    | { __typename: 'RecommendationIndexPage', id: string, title: string, path: string | null, locale: string, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
    | { __typename: 'RecommendationPage', theme: string, audience: Audience, intro: string, id: string, title: string, path: string | null, locale: string, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null, books: Array<{ position: number, note: string, book: { id: string, title: string } | null }>, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
    | { __typename: 'StandardPage', id: string, title: string, path: string | null, locale: string, translations: Array<
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
        | { locale: string, path: string | null }
      > }
   | null };


export const RecommendationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Recommendation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"path"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"site"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"path"},"value":{"kind":"Variable","name":{"kind":"Name","value":"path"}}},{"kind":"Argument","name":{"kind":"Name","value":"site"},"value":{"kind":"Variable","name":{"kind":"Name","value":"site"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"translations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecommendationPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"theme"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"books"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"book"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecommendationQuery, RecommendationQueryVariables>;