package org.trendpress.ingest;

import org.trendpress.app.ScheduleRouteTestSupport;

/** routes/ingest-schedule.camel.yaml: Quartz on {{trendpress.schedule.poll}} calls direct:ingest-poll and nothing else. */
class IngestScheduleRouteTest extends ScheduleRouteTestSupport {

    @Override
    protected String routeId() {
        return "ingest-schedule";
    }

    @Override
    protected String cronKey() {
        return "trendpress.schedule.poll";
    }

    @Override
    protected String target() {
        return "direct:ingest-poll";
    }
}
