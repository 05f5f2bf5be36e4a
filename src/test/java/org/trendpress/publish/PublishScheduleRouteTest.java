package org.trendpress.publish;

import org.trendpress.app.ScheduleRouteTestSupport;

/** routes/publish-schedule.camel.yaml: Quartz on {{trendpress.schedule.publish}} calls direct:publish-issue and nothing else. */
class PublishScheduleRouteTest extends ScheduleRouteTestSupport {

    @Override
    protected String routeId() {
        return "publish-schedule";
    }

    @Override
    protected String cronKey() {
        return "trendpress.schedule.publish";
    }

    @Override
    protected String target() {
        return "direct:publish-issue";
    }
}
