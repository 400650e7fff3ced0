/**
 * authentik 2025.8.1's Dramatiq actors (its `@actor` definitions) and the `description` option each sets,
 * which the tasks and schedules APIs show as `description`. An actor that is not here (a task of an actor
 * that no longer exists) has a `null` description.
 */
const PLAIN_ACTORS: ReadonlyArray<readonly [string, string]> = [
  ['authentik.admin.tasks.update_latest_version', 'Update latest version info.'],
  ['authentik.blueprints.v1.tasks.blueprints_find_dict', 'Find blueprints as `blueprints_find` does, but return a safe dict.'],
  ['authentik.blueprints.v1.tasks.blueprints_discovery', 'Find blueprints and check if they need to be created in the database.'],
  ['authentik.blueprints.v1.tasks.apply_blueprint', 'Apply single blueprint.'],
  ['authentik.blueprints.v1.tasks.clear_failed_blueprints', "Remove blueprints which couldn't be fetched."],
  ['authentik.core.tasks.clean_expired_models', 'Remove expired objects.'],
  ['authentik.core.tasks.clean_temporary_users', 'Remove temporary users created by SAML Sources.'],
  ['authentik.crypto.tasks.certificate_discovery', 'Discover, import and update certificates from the filesystem.'],
  ['authentik.enterprise.policies.unique_password.tasks.check_and_purge_password_history', 'Check if any UniquePasswordPolicy exists, and if not, purge the password history table.'],
  ['authentik.enterprise.policies.unique_password.tasks.trim_password_histories', 'Remove user password history that are too old.'],
  ['authentik.enterprise.providers.ssf.tasks.ssf_events_dispatch', 'Dispatch SSF events.'],
  ['authentik.enterprise.providers.ssf.tasks.send_ssf_event', 'Send an SSF event.'],
  ['authentik.enterprise.tasks.enterprise_update_usage', 'Update enterprise license status.'],
  ['authentik.events.tasks.event_trigger_dispatch', 'Dispatch new event notifications.'],
  ['authentik.events.tasks.event_trigger_handler', 'Check if policies attached to NotificationRule match event and dispatch notification tasks.'],
  ['authentik.events.tasks.notification_transport', 'Send notification.'],
  ['authentik.events.tasks.gdpr_cleanup', 'Cleanup events for GDPR compliance.'],
  ['authentik.events.tasks.notification_cleanup', 'Cleanup seen notifications and notifications whose event expired.'],
  ['authentik.outposts.tasks.outpost_service_connection_monitor', 'Update cached state of service connection.'],
  ['authentik.outposts.tasks.outpost_controller', 'Create/update/monitor/delete the deployment of an Outpost.'],
  ['authentik.outposts.tasks.outpost_token_ensurer', 'Ensure that all Outposts have valid Service Accounts and Tokens.'],
  ['authentik.outposts.tasks.outpost_send_update', 'Send update to outpost'],
  ['authentik.outposts.tasks.outpost_connection_discovery', 'Checks the local environment and create Service connections.'],
  ['authentik.outposts.tasks.outpost_session_end', 'Terminate session on all outposts.'],
  ['authentik.providers.oauth2.tasks.send_backchannel_logout_request', 'Send a back-channel logout request to the registered client'],
  ['authentik.providers.oauth2.tasks.backchannel_logout_notification_dispatch', 'Handle backchannel logout notifications dispatched via signal'],
  ['authentik.providers.proxy.tasks.proxy_on_logout', 'Terminate session on Proxy outpost.'],
  ['authentik.sources.kerberos.tasks.kerberos_sync', 'Sync Kerberos source.'],
  ['authentik.sources.kerberos.tasks.kerberos_connectivity_check', 'Check connectivity for Kerberos sources.'],
  ['authentik.sources.ldap.tasks.ldap_sync', 'Sync LDAP source.'],
  ['authentik.sources.ldap.tasks.ldap_sync_page', 'Sync page for LDAP source.'],
  ['authentik.sources.ldap.tasks.ldap_connectivity_check', 'Check connectivity for LDAP source.'],
  ['authentik.sources.oauth.tasks.update_well_known_jwks', "Update OAuth sources' config from well_known, and JWKS info from the configured URL."],
  ['authentik.sources.plex.tasks.check_plex_token', 'Check the validity of a Plex source.'],
  ['authentik.stages.authenticator_webauthn.tasks.webauthn_mds_import', 'Background task to import FIDO Alliance MDS blob and AAGUIDs into database.'],
  ['authentik.stages.email.tasks.send_mail', 'Send email.'],
  ['authentik.tasks.tasks.clean_worker_statuses', 'Remove old worker statuses.'],
];

/** The six actors of an outgoing sync provider (`authentik/lib/sync/outgoing`), named after its module. */
function syncActors(module: string, prefix: string, label: string): Array<readonly [string, string]> {
  return [
    [`${module}.${prefix}_sync`, `Full sync for ${label} provider.`],
    [`${module}.${prefix}_sync_objects`, `Sync ${label} provider objects.`],
    [`${module}.${prefix}_sync_direct`, `Sync a direct object (user, group) for ${label} provider.`],
    [`${module}.${prefix}_sync_direct_dispatch`, `Dispatch syncs for a direct object (user, group) for ${label} providers.`],
    [`${module}.${prefix}_sync_m2m`, `Sync a related object (memberships) for ${label} provider.`],
    [`${module}.${prefix}_sync_m2m_dispatch`, `Dispatch syncs for a related object (memberships) for ${label} providers.`],
  ];
}

/** actor_name → description, for all 55 actors. */
export const ACTOR_DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  ...PLAIN_ACTORS,
  ...syncActors('authentik.enterprise.providers.google_workspace.tasks', 'google_workspace', 'Google Workspace'),
  ...syncActors('authentik.enterprise.providers.microsoft_entra.tasks', 'microsoft_entra', 'Microsoft Entra'),
  ...syncActors('authentik.providers.scim.tasks', 'scim', 'SCIM'),
]);

/** The actor's description, or null for an actor authentik does not define. */
export function actorDescription(actorName: string): string | null {
  return ACTOR_DESCRIPTIONS.get(actorName) ?? null;
}
