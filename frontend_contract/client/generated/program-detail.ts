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

export type ProgramDetailQueryVariables = Exact<{
  path: string;
  site?: string | null | undefined;
}>;


export type ProgramDetailQuery = { page:
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
    | { __typename: 'ProgramPage', kind: ProgramKind, format: ProgramFormat, audience: Audience, intro: string, venue: string, onlinePlatform: string, capacity: number | null, startsAt: string | null, endsAt: string | null, registrationOpen: boolean, registrationDeadline: string | null, id: string, title: string, path: string | null, locale: string, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null, sessions: Array<{ title: string, start: string, end: string }>, partners: Array<{ name: string, website: string | null, logo: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null }>, body: Array<
        | { __typename: 'BookListBlock', title: string, id: string, blockType: string, books: Array<{ id: string, title: string, year: number | null, authors: Array<{ displayName: string }>, cover: { alt: string, srcset: string } | null }> }
        | { __typename: 'CallToActionBlock', title: string, text: string, buttonLabel: string, path: string | null, url: string | null, id: string, blockType: string }
        | { __typename: 'DownloadBlock', label: string, id: string, blockType: string, document: { title: string, downloadUrl: string, fileExtension: string, fileSize: number | null } | null }
        | { __typename: 'EmbedBlock', url: string | null, title: string, id: string, blockType: string }
        | { __typename: 'FaqBlock', title: string, id: string, blockType: string, items: Array<{ question: string, answerHtml: string }> }
        | { __typename: 'ImageWithCaptionBlock', caption: string, credit: string, id: string, blockType: string, image: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null }
        | { __typename: 'QuoteBlock', text: string, attribution: string, id: string, blockType: string }
        | { __typename: 'RichTextBlock', html: string, id: string, blockType: string }
      >, translations: Array<
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
    | { __typename: 'RecommendationPage', id: string, title: string, path: string | null, locale: string, translations: Array<
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


export const ProgramDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProgramDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"path"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"site"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"path"},"value":{"kind":"Variable","name":{"kind":"Name","value":"path"}}},{"kind":"Argument","name":{"kind":"Name","value":"site"},"value":{"kind":"Variable","name":{"kind":"Name","value":"site"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"translations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProgramPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"onlinePlatform"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"sessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"logo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"THUMBNAIL"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"THUMBNAIL"}}]}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"registrationOpen"}},{"kind":"Field","name":{"kind":"Name","value":"registrationDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"body"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"blockType"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RichTextBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"html"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImageWithCaptionBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"image"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CONTENT"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CONTENT"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"credit"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QuoteBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"attribution"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmbedBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BookListBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"books"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"authors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cover"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"THUMBNAIL"}}]}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallToActionBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"buttonLabel"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DownloadBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileExtension"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FaqBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"answerHtml"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProgramDetailQuery, ProgramDetailQueryVariables>;