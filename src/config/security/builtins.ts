import type { ActionGroupEntry, RoleEntry, TenantEntry } from '../../authz/security-schemas.js';

/**
 * Built-in ("static") action groups, roles and tenants: the data of the plugin's
 * `static_action_groups.yml`, `static_roles.yml` and `static_tenants.yml`. They exist without configuration,
 * and a configured entry of the same name is ignored in their favour (as the plugin does, with a warning).
 */

const group = (type: 'index' | 'cluster' | 'kibana' | 'all', description: string, allowed_actions: string[]): ActionGroupEntry => ({
  reserved: true,
  hidden: false,
  static: true,
  description,
  type,
  allowed_actions,
});

export const BUILTIN_ACTION_GROUPS: Readonly<Record<string, ActionGroupEntry>> = {
  kibana_all_write: group('kibana', 'Allow writing in all OpenSearch Dashboards apps', ['kibana:saved_objects/*/write']),
  kibana_all_read: group('kibana', 'Allow reading in all OpenSearch Dashboards apps', ['kibana:saved_objects/*/read']),
  cluster_all: group('cluster', 'Allow everything on cluster level', ['cluster:*']),
  crud: group('index', 'Allow all read/write operations on data', ['read', 'write']),
  search: group('index', 'Allow searching', ['indices:data/read/search*', 'indices:data/read/msearch*', 'indices:admin/resolve/index', 'suggest']),
  data_access: group('index', 'Allow all read/write operations on data', ['indices:data/*', 'crud']),
  create_index: group('index', 'Allow creating new indices', ['indices:admin/create', 'indices:admin/mapping/put']),
  write: group('index', 'Allow writing data', ['indices:data/write*', 'indices:admin/mapping/put']),
  manage_aliases: group('index', 'Allow managing index aliases', ['indices:admin/aliases*']),
  read: group('index', 'Allow all read operations', ['indices:data/read*', 'indices:admin/mappings/fields/get*', 'indices:admin/resolve/index']),
  indices_all: group('index', 'Allow readonly everything with indices and data', ['indices:*']),
  delete: group('index', 'Allow deleting documents', ['indices:data/write/delete*']),
  cluster_composite_ops: group('cluster', 'Allow read/write bulk and m* operations', [
    'indices:data/write/bulk',
    'indices:admin/aliases*',
    'indices:data/write/reindex',
    'cluster_composite_ops_ro',
  ]),
  cluster_composite_ops_ro: group('cluster', 'Allow readonly bulk and m* operations', [
    'indices:data/read/mget',
    'indices:data/read/msearch',
    'indices:data/read/mtv',
    'indices:admin/aliases/exists*',
    'indices:admin/aliases/get*',
    'indices:data/read/scroll',
    'indices:admin/resolve/index',
  ]),
  get: group('index', 'Allow get', ['indices:data/read/get*', 'indices:data/read/mget*']),
  manage: group('index', 'Allow indices management', ['indices:monitor/*', 'indices:admin/*']),
  cluster_monitor: group('cluster', 'Allow monitoring the cluster', ['cluster:monitor/*']),
  manage_snapshots: group('cluster', 'Allow snapshots', ['cluster:admin/snapshot/*', 'cluster:admin/repository/*']),
  index: group('index', 'Allow indexing', [
    'indices:data/write/index*',
    'indices:data/write/update*',
    'indices:admin/mapping/put',
    'indices:data/write/bulk*',
  ]),
  unlimited: group('all', 'Allow all', ['*']),
  indices_monitor: group('index', 'Allow monitoring indices', ['indices:monitor/*']),
  suggest: group('index', 'Allow suggestions', ['indices:data/read/suggest*']),
  cluster_manage_index_templates: group('cluster', 'Manage index templates', [
    'indices:admin/template/*',
    'indices:admin/index_template/*',
    'cluster:admin/component_template/*',
  ]),
  cluster_manage_pipelines: group('cluster', 'Manage pipelines', ['cluster:admin/ingest/pipeline/*']),
  manage_data_streams: group('index', 'Manage data streams', ['indices:admin/data_stream/*', 'indices:monitor/data_stream/stats']),
  manage_point_in_time: group('index', 'Manage point in time actions', [
    'indices:data/read/point_in_time/create',
    'indices:data/read/point_in_time/delete',
    'indices:data/read/point_in_time/readall',
    'indices:data/read/search',
    'indices:monitor/point_in_time/segments',
  ]),
};

const idx = (index_patterns: string[], allowed_actions: string[]) => ({
  index_patterns,
  allowed_actions,
  fls: [],
  masked_fields: [],
});

const role = (description: string, body: Partial<RoleEntry>): RoleEntry => ({
  reserved: true,
  hidden: false,
  static: true,
  description,
  cluster_permissions: [],
  index_permissions: [],
  tenant_permissions: [],
  ...body,
});

export const BUILTIN_ROLES: Readonly<Record<string, RoleEntry>> = {
  all_access: role('Allow full access to all indices and all cluster APIs', {
    cluster_permissions: ['*'],
    index_permissions: [idx(['*'], ['*'])],
    tenant_permissions: [{ tenant_patterns: ['*'], allowed_actions: ['kibana_all_write'] }],
  }),
  kibana_user: role('Provide the minimum permissions for a kibana user', {
    cluster_permissions: ['cluster_composite_ops'],
    index_permissions: [
      idx(['.kibana', '.kibana-6', '.kibana_*', '.opensearch_dashboards', '.opensearch_dashboards-6', '.opensearch_dashboards_*'], [
        'delete',
        'index',
        'manage',
        'read',
      ]),
      idx(['.tasks', '.management-beats', '*:.tasks', '*:.management-beats'], ['indices_all']),
    ],
  }),
  own_index: role('Allow all for indices named like the current user', {
    cluster_permissions: ['cluster_composite_ops'],
    index_permissions: [idx(['${user_name}'], ['indices_all'])],
  }),
  manage_snapshots: role('Provide the minimum permissions for managing snapshots', {
    cluster_permissions: ['manage_snapshots'],
    index_permissions: [idx(['*'], ['indices:admin/create', 'indices:data/write/index'])],
  }),
  kibana_server: role('Provide the minimum permissions for the Kibana server', {
    cluster_permissions: [
      'cluster_composite_ops',
      'cluster_monitor',
      'indices:admin/index_template*',
      'indices:admin/template*',
      'indices:data/read/scroll*',
      'manage_point_in_time',
    ],
    index_permissions: [
      idx(['.kibana', '.opensearch_dashboards'], ['indices_all']),
      idx(['.kibana-6', '.opensearch_dashboards-6'], ['indices_all']),
      idx(['.kibana_*', '.opensearch_dashboards_*'], ['indices_all']),
      idx(['.tasks'], ['indices_all']),
      idx(['.management-beats*'], ['indices_all']),
      idx(['*'], ['indices:admin/aliases*']),
    ],
  }),
  logstash: role('Provide the minimum permissions for logstash and beats', {
    cluster_permissions: [
      'cluster:admin/ingest/pipeline/get',
      'cluster:admin/ingest/pipeline/put',
      'cluster_composite_ops',
      'cluster_monitor',
      'indices:admin/template/get',
      'indices:admin/template/put',
    ],
    index_permissions: [idx(['logstash-*', 'ecs-logstash-*'], ['create_index', 'crud']), idx(['*beat*'], ['crud', 'create_index'])],
  }),
  readall_and_monitor: role('Provide the minimum permissions for to readall indices and monitor the cluster', {
    cluster_permissions: ['cluster_composite_ops_ro', 'cluster_monitor'],
    index_permissions: [idx(['*'], ['read'])],
  }),
  readall: role('Provide the minimum permissions for to readall indices', {
    cluster_permissions: ['cluster_composite_ops_ro'],
    index_permissions: [idx(['*'], ['read'])],
  }),
  // Not in the plugin's static_roles.yml: Amazon OpenSearch Service ships it built in, and the seed documents
  // map master users to it. It manages security (the REST API), nothing else.
  security_manager: role('Manage security: users, roles, role mappings, action groups, tenants', {
    cluster_permissions: ['cluster:admin/opendistro_security/*', 'cluster:admin/opensearch/security/*', 'restapi:admin/*'],
  }),
};

export const BUILTIN_TENANTS: Readonly<Record<string, TenantEntry>> = {
  global_tenant: { reserved: true, hidden: false, static: true, description: 'Global tenant' },
};
