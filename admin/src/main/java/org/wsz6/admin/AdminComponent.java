package org.wsz6.admin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Entry point of WSZ6-admin: enabled unless {@code wsz6.components} leaves "admin" out. */
@Configuration
@ComponentScan("org.wsz6.admin")
@ConditionalOnExpression("'${wsz6.components:admin,play}'.contains('admin')")
public class AdminComponent {
}
