package org.wsz6.admin.research;

import org.wsz6.admin.support.PostgresUard;

/** {@link ResearchPanelTest} with UARD in the real PostgreSQL (own schema, dropped afterwards). */
@PostgresUard
class ResearchPanelPostgresTest extends ResearchPanelTest {
}
