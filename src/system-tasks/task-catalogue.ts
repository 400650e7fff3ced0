import type { LogLevelEnum } from '../openapi/generated/schemas';

/** A background task authentik 2024.8 runs, with the description it registers and what its runs log. */
export interface TaskKind {
  name: string;
  description: string;
  /** How a uid is made for tasks that run once per object (blueprint, outpost, LDAP source). */
  uids?: readonly string[];
  success: readonly string[];
  warning: readonly string[];
  error: readonly string[];
}

export const TASK_CATALOGUE: readonly TaskKind[] = [
  {
    name: 'clean_expired_models',
    description: 'Remove expired objects',
    success: ['Expired 0 authentik_core.AuthenticatedSession', 'Expired 3 authentik_core.Token', 'Expired 12 authentik_events.Event'],
    warning: ['Expired 0 authentik_core.ExpiringModel, some objects were locked'],
    error: ['Failed to clean expired models: database is locked'],
  },
  {
    name: 'update_latest_version',
    description: 'Update latest version info',
    success: ['Successfully updated latest Version'],
    warning: ['Version check disabled.'],
    error: ["HTTPSConnectionPool(host='version.goauthentik.io', port=443): Max retries exceeded"],
  },
  {
    name: 'blueprints_discovery',
    description: 'Find blueprints and check if they need to be created in the database',
    success: ['Successfully imported 25 files.'],
    warning: ['Blueprint file is not valid YAML: example/flows-recovery.yaml'],
    error: ["[Errno 13] Permission denied: '/blueprints'"],
  },
  {
    name: 'clean_temporary_users',
    description: 'Remove temporary users created by SAML Sources',
    success: ['Successfully deleted 0 users.'],
    warning: ['Skipped 2 temporary users still in a session.'],
    error: ['Failed to delete temporary users: deadlock detected'],
  },
  {
    name: 'certificate_discovery',
    description: 'Discover, import and update certificates from the filesystem',
    success: ['Successfully imported 2 files.'],
    warning: ['Failed to load private key for certs/example.com/privkey.pem'],
    error: ["[Errno 2] No such file or directory: '/certs'"],
  },
  {
    name: 'enterprise_update_usage',
    description: 'Update enterprise license status',
    success: ['Successfully recorded usage.'],
    warning: ['License will expire in 14 days.'],
    error: ['Failed to record usage: license is not valid'],
  },
  {
    name: 'notification_cleanup',
    description: 'Cleanup seen notifications and notifications whose event expired.',
    success: ['Expired 4 Notifications'],
    warning: ['Expired 0 Notifications, 3 still unseen'],
    error: ['Failed to clean up notifications: connection reset'],
  },
  {
    name: 'outpost_service_connection_monitor',
    description: 'Update cached state of service connections',
    success: ['Successfully updated service connection state'],
    warning: ['Local Kubernetes Cluster: service connection is not healthy'],
    error: ['Failed to connect to docker daemon: connection refused'],
  },
  {
    name: 'outpost_token_ensurer',
    description: 'Periodically ensure that all Outposts have valid Service Accounts and Tokens',
    success: ['Successfully checked 2 Outposts.'],
    warning: ['Recreated token for outpost authentik Embedded Outpost'],
    error: ['Failed to ensure token: user ak-outpost does not exist'],
  },
  {
    name: 'webauthn_mds_import',
    description: 'Background task to import FIDO Alliance MDS blob and AAGUIDs into database',
    success: ['Successfully imported FIDO Alliance MDS blobs and AAGUIDs.'],
    warning: ['MDS blob is older than 30 days'],
    error: ['Failed to verify MDS blob signature'],
  },
  {
    name: 'apply_blueprint',
    description: 'Apply single blueprint',
    uids: ['default-authentication-flow', 'default-brand', 'default-provider-authorization-implicit-consent', 'system-bootstrap', 'default-source-enrollment', 'default-password-change-flow'],
    success: ['Blueprint applied successfully'],
    warning: ['Blueprint has changed, but is not managed by authentik'],
    error: ['Entry invalid: Serializer errors {"slug": ["flow with this slug already exists."]}'],
  },
  {
    name: 'outpost_controller',
    description: 'Create/update/monitor/delete the deployment of an Outpost',
    uids: ['authentik-embedded-outpost', 'ldap-outpost', 'proxy-outpost'],
    success: ['Finished reconciling service', 'Finished reconciling deployment'],
    warning: ['Outpost deployment is not yet ready'],
    error: ['Controller failed: (403) Reason: Forbidden'],
  },
  {
    name: 'ldap_sync',
    description: 'Synchronization of an LDAP Source',
    uids: ['corp-ldap:user:0', 'corp-ldap:group:0', 'corp-ldap:membership:0'],
    success: ['Synced 128 objects.'],
    warning: ["Cannot find group for member 'cn=nobody,ou=users,dc=corp'"],
    error: ["LDAPSocketOpenError('socket connection error while opening: timed out')"],
  },
];

/** The log level each run status writes its messages at. */
export const LEVEL_FOR_STATUS: Record<'successful' | 'warning' | 'error', LogLevelEnum> = {
  successful: 'info',
  warning: 'warning',
  error: 'error',
};
