package org.trendpress.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;

/**
 * Base for the tests of the {@code *-schedule} route files: each must be a Quartz trigger on its
 * configured cron that only calls its {@code direct:} work route. The trigger is replaced by a
 * direct endpoint and the work route by a mock, so no test waits for a clock.
 */
public abstract class ScheduleRouteTestSupport extends RouteTestSupport {

    /** The route id, equal to the file's purpose. */
    protected abstract String routeId();

    /** The config key of the cron expression. */
    protected abstract String cronKey();

    /** The direct: endpoint the trigger calls. */
    protected abstract String target();

    @Override
    protected String routeFile() {
        return routeId() + ".camel.yaml";
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void firesItsConfiguredCronIntoItsDirectRouteOnly() throws Exception {
        RouteDefinition route = context.getRouteDefinition(routeId());
        assertThat(route).as("route id %s", routeId()).isNotNull();
        assertThat(route.getInput().getEndpointUri()).startsWith("quartz:");
        assertThat(route.getInput().getEndpointUri() + route.getInput().toString())
                .contains("{{" + cronKey() + "}}");

        AdviceWith.adviceWith(context, routeId(), a -> {
            a.replaceFromWith("direct:tick");
            a.interceptSendToEndpoint(target()).skipSendToOriginalEndpoint().to("mock:work");
        });
        context.start();
        MockEndpoint work = getMockEndpoint("mock:work");
        work.expectedMessageCount(1);
        template.sendBody("direct:tick", null);
        work.assertIsSatisfied();
    }
}
