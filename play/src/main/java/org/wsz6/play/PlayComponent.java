package org.wsz6.play;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of WSZ6-play: enabled unless {@code wsz6.components} leaves "play" out. */
@Configuration
@ComponentScan("org.wsz6.play")
@ConditionalOnExpression("'${wsz6.components:admin,play}'.contains('play')")
public class PlayComponent {
}
