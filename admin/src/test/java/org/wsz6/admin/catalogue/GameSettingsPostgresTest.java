package org.wsz6.admin.catalogue;

import org.wsz6.admin.support.PostgresUard;

/** The same per-game settings flows with UARD on the real PostgreSQL (its own schema, dropped afterwards). */
@PostgresUard
class GameSettingsPostgresTest extends GameSettingsTest {
}
