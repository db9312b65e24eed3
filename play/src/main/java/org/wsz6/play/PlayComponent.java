package org.wsz6.play;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * Entry point of WSZ6-play: enabled unless {@code wsz6.components} leaves "play" out. The scan skips
 * what Spring Boot's type-exclude filter skips (test-only {@code @TestConfiguration} classes), as
 * {@code @SpringBootApplication} does, so one test's beans never leak into another test's server.
 */
@Configuration
@ComponentScan(value = "org.wsz6.play",
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@ConditionalOnExpression("'${wsz6.components:admin,play}'.contains('play')")
public class PlayComponent {
}
