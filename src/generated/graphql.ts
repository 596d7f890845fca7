import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RequestContext } from '../graphql/context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: string; output: string; }
  JSON: { input: unknown; output: unknown; }
  SafeInt: { input: number; output: number; }
};

export type AuthType =
  | 'ANONYMOUS'
  | 'BASIC'
  | 'JWT'
  | 'PROXY';

export type BooleanFilter = {
  eq?: InputMaybe<Scalars['Boolean']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
};

export type CalendarInterval =
  | 'DAY'
  | 'HOUR'
  | 'MINUTE'
  | 'MONTH'
  | 'QUARTER'
  | 'WEEK'
  | 'YEAR';

export type DateHistogramBucket = {
  __typename?: 'DateHistogramBucket';
  count: Scalars['Int']['output'];
  key: Scalars['DateTime']['output'];
};

export type DateTimeFilter = {
  eq?: InputMaybe<Scalars['DateTime']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  gt?: InputMaybe<Scalars['DateTime']['input']>;
  gte?: InputMaybe<Scalars['DateTime']['input']>;
  lt?: InputMaybe<Scalars['DateTime']['input']>;
  lte?: InputMaybe<Scalars['DateTime']['input']>;
};

export type FloatFilter = {
  eq?: InputMaybe<Scalars['Float']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  gt?: InputMaybe<Scalars['Float']['input']>;
  gte?: InputMaybe<Scalars['Float']['input']>;
  in?: InputMaybe<Array<Scalars['Float']['input']>>;
  lt?: InputMaybe<Scalars['Float']['input']>;
  lte?: InputMaybe<Scalars['Float']['input']>;
};

export type HistogramBucket = {
  __typename?: 'HistogramBucket';
  count: Scalars['Int']['output'];
  key: Scalars['Float']['output'];
};

export type IntFilter = {
  eq?: InputMaybe<Scalars['SafeInt']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  gt?: InputMaybe<Scalars['SafeInt']['input']>;
  gte?: InputMaybe<Scalars['SafeInt']['input']>;
  in?: InputMaybe<Array<Scalars['SafeInt']['input']>>;
  lt?: InputMaybe<Scalars['SafeInt']['input']>;
  lte?: InputMaybe<Scalars['SafeInt']['input']>;
};

export type KeywordFilter = {
  eq?: InputMaybe<Scalars['String']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  prefix?: InputMaybe<Scalars['String']['input']>;
};

export type Me = {
  __typename?: 'Me';
  /** The authentication domain type that identified the caller. */
  authType: AuthType;
  /** Backend roles as asserted by the authentication domain. */
  backendRoles: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** The caller's address as the gateway saw it. */
  remoteAddress: Scalars['String']['output'];
  /** Security roles mapped to the caller. */
  roles: Array<Scalars['String']['output']>;
  /** Tenants the caller may use, with read or write access. */
  tenants: Array<TenantAccess>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to get the next page. Opaque; only valid with the same orderBy. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Who the caller is, as authentication and role mapping established it (like the plugin's authinfo). */
  me: Me;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type Stats = {
  __typename?: 'Stats';
  avg: Maybe<Scalars['Float']['output']>;
  count: Scalars['Int']['output'];
  max: Maybe<Scalars['Float']['output']>;
  min: Maybe<Scalars['Float']['output']>;
  sum: Scalars['Float']['output'];
};

export type TenantAccess = {
  __typename?: 'TenantAccess';
  access: TenantAccessLevel;
  name: Scalars['String']['output'];
};

export type TenantAccessLevel =
  | 'READ'
  | 'WRITE';

export type TermsBucket = {
  __typename?: 'TermsBucket';
  count: Scalars['Int']['output'];
  /** The bucket's value, rendered as a string (booleans `true`/`false`, dates ISO-8601). */
  key: Scalars['String']['output'];
};

/** Operators on full-text fields. */
export type TextFilter = {
  /** Exact value of the whole field (on its keyword sub-field; absent when it has none). */
  eq?: InputMaybe<Scalars['String']['input']>;
  /** Whether the field has a value. */
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  /** Any of these exact values (on its keyword sub-field). */
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Full-text match of all words (OpenSearch `match` with operator AND). */
  match?: InputMaybe<Scalars['String']['input']>;
  /** Full-text match of any word (OpenSearch `match` with operator OR). */
  matchAny?: InputMaybe<Scalars['String']['input']>;
  /** Phrase match (OpenSearch `match_phrase`). */
  matchPhrase?: InputMaybe<Scalars['String']['input']>;
  /** Prefix of the whole value (on its keyword sub-field). */
  prefix?: InputMaybe<Scalars['String']['input']>;
};

/** Whether `total` is exact or a lower bound (OpenSearch's hits.total.relation). */
export type TotalRelation =
  | 'EQ'
  | 'GTE';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AuthType: AuthType;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BooleanFilter: BooleanFilter;
  CalendarInterval: CalendarInterval;
  DateHistogramBucket: ResolverTypeWrapper<DateHistogramBucket>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DateTimeFilter: DateTimeFilter;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  FloatFilter: FloatFilter;
  HistogramBucket: ResolverTypeWrapper<HistogramBucket>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IntFilter: IntFilter;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  KeywordFilter: KeywordFilter;
  Me: ResolverTypeWrapper<Me>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  SortDirection: SortDirection;
  Stats: ResolverTypeWrapper<Stats>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  TenantAccess: ResolverTypeWrapper<TenantAccess>;
  TenantAccessLevel: TenantAccessLevel;
  TermsBucket: ResolverTypeWrapper<TermsBucket>;
  TextFilter: TextFilter;
  TotalRelation: TotalRelation;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  BooleanFilter: BooleanFilter;
  DateHistogramBucket: DateHistogramBucket;
  DateTime: Scalars['DateTime']['output'];
  DateTimeFilter: DateTimeFilter;
  Float: Scalars['Float']['output'];
  FloatFilter: FloatFilter;
  HistogramBucket: HistogramBucket;
  Int: Scalars['Int']['output'];
  IntFilter: IntFilter;
  JSON: Scalars['JSON']['output'];
  KeywordFilter: KeywordFilter;
  Me: Me;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  SafeInt: Scalars['SafeInt']['output'];
  Stats: Stats;
  String: Scalars['String']['output'];
  TenantAccess: TenantAccess;
  TermsBucket: TermsBucket;
  TextFilter: TextFilter;
};

export type DateHistogramBucketResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DateHistogramBucket'] = ResolversParentTypes['DateHistogramBucket']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type HistogramBucketResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['HistogramBucket'] = ResolversParentTypes['HistogramBucket']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Me'] = ResolversParentTypes['Me']> = {
  authType?: Resolver<ResolversTypes['AuthType'], ParentType, ContextType>;
  backendRoles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  remoteAddress?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tenants?: Resolver<Array<ResolversTypes['TenantAccess']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  me?: Resolver<ResolversTypes['Me'], ParentType, ContextType>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type StatsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Stats'] = ResolversParentTypes['Stats']> = {
  avg?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  sum?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type TenantAccessResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['TenantAccess'] = ResolversParentTypes['TenantAccess']> = {
  access?: Resolver<ResolversTypes['TenantAccessLevel'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TermsBucketResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['TermsBucket'] = ResolversParentTypes['TermsBucket']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = RequestContext> = {
  DateHistogramBucket?: DateHistogramBucketResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  HistogramBucket?: HistogramBucketResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Me?: MeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
  Stats?: StatsResolvers<ContextType>;
  TenantAccess?: TenantAccessResolvers<ContextType>;
  TermsBucket?: TermsBucketResolvers<ContextType>;
};

