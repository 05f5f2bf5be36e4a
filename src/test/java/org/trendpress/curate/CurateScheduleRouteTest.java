package org.trendpress.curate;

import org.trendpress.app.ScheduleRouteTestSupport;

/** routes/curate-schedule.camel.yaml: Quartz on {{trendpress.schedule.open-draft}} calls direct:curate-open-draft and nothing else. */
class CurateScheduleRouteTest extends ScheduleRouteTestSupport {

    @Override
    protected String routeId() {
        return "curate-schedule";
    }

    @Override
    protected String cronKey() {
        return "trendpress.schedule.open-draft";
    }

    @Override
    protected String target() {
        return "direct:curate-open-draft";
    }
}
