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

export type HomeQueryVariables = Exact<{
  path?: string;
  site?: string | null | undefined;
}>;


export type HomeQuery = { page:
    | { __typename: 'DatasetIndexPage', id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, translations: Array<
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
    | { __typename: 'DatasetPage', id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, translations: Array<
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
    | { __typename: 'HomePage', intro: string, heroTitle: string, heroText: string, id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, heroImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null, featuredItems: Array<{ label: string, page:
          | { __typename: 'DatasetIndexPage', id: string, title: string, path: string | null }
          | { __typename: 'DatasetPage', id: string, title: string, path: string | null }
          | { __typename: 'HomePage', id: string, title: string, path: string | null }
          | { __typename: 'NewsIndexPage', id: string, title: string, path: string | null }
          | { __typename: 'NewsPage', date: string, intro: string, id: string, title: string, path: string | null, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null }
          | { __typename: 'ProgramIndexPage', id: string, title: string, path: string | null }
          | { __typename: 'ProgramPage', intro: string, startsAt: string | null, format: ProgramFormat, kind: ProgramKind, id: string, title: string, path: string | null, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null }
          | { __typename: 'RecommendationIndexPage', id: string, title: string, path: string | null }
          | { __typename: 'RecommendationPage', intro: string, theme: string, audience: Audience, id: string, title: string, path: string | null, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null }
          | { __typename: 'StandardPage', intro: string, id: string, title: string, path: string | null, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null }
         }>, sections: Array<
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
    | { __typename: 'NewsIndexPage', id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, translations: Array<
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
    | { __typename: 'NewsPage', id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, translations: Array<
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
    | { __typename: 'ProgramIndexPage', id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, translations: Array<
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
    | { __typename: 'ProgramPage', id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, translations: Array<
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
    | { __typename: 'RecommendationIndexPage', id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, translations: Array<
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
    | { __typename: 'RecommendationPage', id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, translations: Array<
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
    | { __typename: 'StandardPage', id: string, title: string, path: string | null, locale: string, seoTitle: string | null, searchDescription: string | null, translations: Array<
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

type FeaturedPage_DatasetIndexPage_Fragment = { __typename: 'DatasetIndexPage', id: string, title: string, path: string | null };

type FeaturedPage_DatasetPage_Fragment = { __typename: 'DatasetPage', id: string, title: string, path: string | null };

type FeaturedPage_HomePage_Fragment = { __typename: 'HomePage', id: string, title: string, path: string | null };

type FeaturedPage_NewsIndexPage_Fragment = { __typename: 'NewsIndexPage', id: string, title: string, path: string | null };

type FeaturedPage_NewsPage_Fragment = { __typename: 'NewsPage', date: string, intro: string, id: string, title: string, path: string | null, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null };

type FeaturedPage_ProgramIndexPage_Fragment = { __typename: 'ProgramIndexPage', id: string, title: string, path: string | null };

type FeaturedPage_ProgramPage_Fragment = { __typename: 'ProgramPage', intro: string, startsAt: string | null, format: ProgramFormat, kind: ProgramKind, id: string, title: string, path: string | null, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null };

type FeaturedPage_RecommendationIndexPage_Fragment = { __typename: 'RecommendationIndexPage', id: string, title: string, path: string | null };

type FeaturedPage_RecommendationPage_Fragment = { __typename: 'RecommendationPage', intro: string, theme: string, audience: Audience, id: string, title: string, path: string | null, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null };

type FeaturedPage_StandardPage_Fragment = { __typename: 'StandardPage', intro: string, id: string, title: string, path: string | null, leadImage: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null };

export type FeaturedPageFragment =
  | FeaturedPage_DatasetIndexPage_Fragment
  | FeaturedPage_DatasetPage_Fragment
  | FeaturedPage_HomePage_Fragment
  | FeaturedPage_NewsIndexPage_Fragment
  | FeaturedPage_NewsPage_Fragment
  | FeaturedPage_ProgramIndexPage_Fragment
  | FeaturedPage_ProgramPage_Fragment
  | FeaturedPage_RecommendationIndexPage_Fragment
  | FeaturedPage_RecommendationPage_Fragment
  | FeaturedPage_StandardPage_Fragment
;

type Block_BookListBlock_Fragment = { __typename: 'BookListBlock', title: string, id: string, blockType: string, books: Array<{ id: string, title: string, year: number | null, authors: Array<{ displayName: string }>, cover: { alt: string, srcset: string } | null }> };

type Block_CallToActionBlock_Fragment = { __typename: 'CallToActionBlock', title: string, text: string, buttonLabel: string, path: string | null, url: string | null, id: string, blockType: string };

type Block_DownloadBlock_Fragment = { __typename: 'DownloadBlock', label: string, id: string, blockType: string, document: { title: string, downloadUrl: string, fileExtension: string, fileSize: number | null } | null };

type Block_EmbedBlock_Fragment = { __typename: 'EmbedBlock', url: string | null, title: string, id: string, blockType: string };

type Block_FaqBlock_Fragment = { __typename: 'FaqBlock', title: string, id: string, blockType: string, items: Array<{ question: string, answerHtml: string }> };

type Block_ImageWithCaptionBlock_Fragment = { __typename: 'ImageWithCaptionBlock', caption: string, credit: string, id: string, blockType: string, image: { alt: string, width: number, height: number, srcset: string, rendition: { url: string, width: number, height: number } | null } | null };

type Block_QuoteBlock_Fragment = { __typename: 'QuoteBlock', text: string, attribution: string, id: string, blockType: string };

type Block_RichTextBlock_Fragment = { __typename: 'RichTextBlock', html: string, id: string, blockType: string };

export type BlockFragment =
  | Block_BookListBlock_Fragment
  | Block_CallToActionBlock_Fragment
  | Block_DownloadBlock_Fragment
  | Block_EmbedBlock_Fragment
  | Block_FaqBlock_Fragment
  | Block_ImageWithCaptionBlock_Fragment
  | Block_QuoteBlock_Fragment
  | Block_RichTextBlock_Fragment
;

export const FeaturedPageFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeaturedPage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Page"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewsPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProgramPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecommendationPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"theme"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StandardPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}}]}}]}}]} as unknown as DocumentNode<FeaturedPageFragment, unknown>;
export const BlockFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Block"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StreamBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"blockType"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RichTextBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"html"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImageWithCaptionBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"image"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CONTENT"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CONTENT"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"credit"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QuoteBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"attribution"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmbedBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BookListBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"books"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"authors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cover"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"THUMBNAIL"}}]}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallToActionBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"buttonLabel"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DownloadBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileExtension"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FaqBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"answerHtml"}}]}}]}}]}}]} as unknown as DocumentNode<BlockFragment, unknown>;
export const HomeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Home"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"path"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},"defaultValue":{"kind":"StringValue","value":"/","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"site"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"path"},"value":{"kind":"Variable","name":{"kind":"Name","value":"path"}}},{"kind":"Argument","name":{"kind":"Name","value":"site"},"value":{"kind":"Variable","name":{"kind":"Name","value":"site"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"seoTitle"}},{"kind":"Field","name":{"kind":"Name","value":"searchDescription"}},{"kind":"Field","name":{"kind":"Name","value":"translations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HomePage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"heroTitle"}},{"kind":"Field","name":{"kind":"Name","value":"heroText"}},{"kind":"Field","name":{"kind":"Name","value":"heroImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"HERO"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"HERO"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"featuredItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"page"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FeaturedPage"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Block"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FeaturedPage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Page"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewsPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProgramPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecommendationPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"theme"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StandardPage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intro"}},{"kind":"Field","name":{"kind":"Name","value":"leadImage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CARD"}}]}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Block"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StreamBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"blockType"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RichTextBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"html"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImageWithCaptionBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"image"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"rendition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CONTENT"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"CONTENT"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"credit"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QuoteBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"attribution"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmbedBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BookListBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"books"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"authors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cover"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"srcset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"THUMBNAIL"}}]}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallToActionBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"buttonLabel"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DownloadBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileExtension"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FaqBlock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"answerHtml"}}]}}]}}]}}]} as unknown as DocumentNode<HomeQuery, HomeQueryVariables>;