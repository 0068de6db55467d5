/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An enumeration. */
export type ConfirmGuardianConsentErrorCode =
  | 'ALREADY_GIVEN'
  | 'FORBIDDEN'
  | 'NOT_MINOR'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_INVALID';

/** A language of the content and of messages: `ID` (Bahasa Indonesia, the default) or `EN` (English). */
export type LanguageCode =
  | 'EN'
  | 'ID';

/** An enumeration. */
export type RequestGuardianConsentErrorCode =
  | 'ALREADY_GIVEN'
  | 'INVALID_EMAIL'
  | 'NOT_MINOR'
  | 'OWN_EMAIL'
  | 'RATE_LIMITED'
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'UNAUTHENTICATED';

/** An enumeration. */
export type UpdateProfileErrorCode =
  | 'FORBIDDEN'
  | 'INVALID'
  | 'INVALID_FORMAT'
  | 'SUSPENDED'
  | 'TOO_LONG'
  | 'UNAUTHENTICATED'
  | 'UNIQUE';

/** The profile fields to change; omitted fields stay as they are. */
export type UpdateProfileInput = {
  /** Short bio, plain text (markup is not interpreted), ≤ 500. */
  bio?: string | null | undefined;
  /** Library card number: 4–32 letters, digits and hyphens (spaces ignored, stored in upper case), e.g. `TTE-2024-000123`. Null or empty unlinks the card. One account per card: error UNIQUE when another account has it. */
  cardNumber?: string | null | undefined;
  /** The name shown on the member's posts, at most 60 characters; empty clears it. */
  displayName?: string | null | undefined;
  /** Declare being under 18: posts then wait for a guardian's consent. Once declared, only a librarian can undo it (error FORBIDDEN). */
  isMinor?: boolean | null | undefined;
  /** The language of messages to the member. */
  preferredLanguage?: LanguageCode | null | undefined;
  /** Show the bio and picture to others. */
  profilePublic?: boolean | null | undefined;
  /** Keep a reading history (UU PDP opt-in). */
  readingHistoryOptIn?: boolean | null | undefined;
};

export type MyProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type MyProfileQuery = { me: { id: string, email: string, emailVerified: boolean, displayName: string, cardNumber: string | null, bio: string, avatarUrl: string | null, preferredLanguage: string, profilePublic: boolean, readingHistoryOptIn: boolean, isMinor: boolean, needsGuardianConsent: boolean, guardianConsentAt: string | null, isSuspended: boolean, suspensionReason: string | null, dateJoined: string } | null };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateProfileMutation = { updateProfile: { me: { id: string, email: string, emailVerified: boolean, displayName: string, cardNumber: string | null, bio: string, avatarUrl: string | null, preferredLanguage: string, profilePublic: boolean, readingHistoryOptIn: boolean, isMinor: boolean, needsGuardianConsent: boolean, guardianConsentAt: string | null, isSuspended: boolean, suspensionReason: string | null, dateJoined: string } | null, errors: Array<{ code: UpdateProfileErrorCode, field: string | null, message: string }> } | null };

export type MyProfileFieldsFragment = { id: string, email: string, emailVerified: boolean, displayName: string, cardNumber: string | null, bio: string, avatarUrl: string | null, preferredLanguage: string, profilePublic: boolean, readingHistoryOptIn: boolean, isMinor: boolean, needsGuardianConsent: boolean, guardianConsentAt: string | null, isSuspended: boolean, suspensionReason: string | null, dateJoined: string };

export type MemberProfileQueryVariables = Exact<{
  id: string | number;
}>;


export type MemberProfileQuery = { member: { id: string, displayName: string, isProfilePublic: boolean, bio: string | null, avatarUrl: string | null } | null };

export type RequestGuardianConsentMutationVariables = Exact<{
  guardianName: string;
  guardianEmail: string;
}>;


export type RequestGuardianConsentMutation = { requestGuardianConsent: { me: { needsGuardianConsent: boolean, guardianEmail: string | null, guardianConsentRequestedAt: string | null } | null, errors: Array<{ code: RequestGuardianConsentErrorCode, field: string | null, message: string }> } | null };

export type ConfirmGuardianConsentMutationVariables = Exact<{
  token: string;
}>;


export type ConfirmGuardianConsentMutation = { confirmGuardianConsent: { confirmed: boolean, errors: Array<{ code: ConfirmGuardianConsentErrorCode, field: string | null, message: string }> } | null };

export const MyProfileFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MyProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Me"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"cardNumber"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"profilePublic"}},{"kind":"Field","name":{"kind":"Name","value":"readingHistoryOptIn"}},{"kind":"Field","name":{"kind":"Name","value":"isMinor"}},{"kind":"Field","name":{"kind":"Name","value":"needsGuardianConsent"}},{"kind":"Field","name":{"kind":"Name","value":"guardianConsentAt"}},{"kind":"Field","name":{"kind":"Name","value":"isSuspended"}},{"kind":"Field","name":{"kind":"Name","value":"suspensionReason"}},{"kind":"Field","name":{"kind":"Name","value":"dateJoined"}}]}}]} as unknown as DocumentNode<MyProfileFieldsFragment, unknown>;
export const MyProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MyProfileFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MyProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Me"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"cardNumber"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"profilePublic"}},{"kind":"Field","name":{"kind":"Name","value":"readingHistoryOptIn"}},{"kind":"Field","name":{"kind":"Name","value":"isMinor"}},{"kind":"Field","name":{"kind":"Name","value":"needsGuardianConsent"}},{"kind":"Field","name":{"kind":"Name","value":"guardianConsentAt"}},{"kind":"Field","name":{"kind":"Name","value":"isSuspended"}},{"kind":"Field","name":{"kind":"Name","value":"suspensionReason"}},{"kind":"Field","name":{"kind":"Name","value":"dateJoined"}}]}}]} as unknown as DocumentNode<MyProfileQuery, MyProfileQueryVariables>;
export const UpdateProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MyProfileFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProfileError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MyProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Me"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"cardNumber"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"profilePublic"}},{"kind":"Field","name":{"kind":"Name","value":"readingHistoryOptIn"}},{"kind":"Field","name":{"kind":"Name","value":"isMinor"}},{"kind":"Field","name":{"kind":"Name","value":"needsGuardianConsent"}},{"kind":"Field","name":{"kind":"Name","value":"guardianConsentAt"}},{"kind":"Field","name":{"kind":"Name","value":"isSuspended"}},{"kind":"Field","name":{"kind":"Name","value":"suspensionReason"}},{"kind":"Field","name":{"kind":"Name","value":"dateJoined"}}]}}]} as unknown as DocumentNode<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const MemberProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemberProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"isProfilePublic"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<MemberProfileQuery, MemberProfileQueryVariables>;
export const RequestGuardianConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestGuardianConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"guardianName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"guardianEmail"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestGuardianConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"guardianName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"guardianName"}}},{"kind":"Argument","name":{"kind":"Name","value":"guardianEmail"},"value":{"kind":"Variable","name":{"kind":"Name","value":"guardianEmail"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"needsGuardianConsent"}},{"kind":"Field","name":{"kind":"Name","value":"guardianEmail"}},{"kind":"Field","name":{"kind":"Name","value":"guardianConsentRequestedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestGuardianConsentError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RequestGuardianConsentMutation, RequestGuardianConsentMutationVariables>;
export const ConfirmGuardianConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmGuardianConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmGuardianConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmed"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmGuardianConsentError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConfirmGuardianConsentMutation, ConfirmGuardianConsentMutationVariables>;