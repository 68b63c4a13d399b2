package org.openpharma.crm.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.openpharma.crm.user.Capability;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Only users who hold the capability may call this controller method (or every method of this controller):
 * {@code @Allowed(Capability.MOVE_NEEDS)}. Others get 403 before anything is read. Which roles hold it is said
 * once, in {@link Capability} (docs/adr/0024); SecurityConfiguration lets Spring Security fill in the template.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("@policy.may(authentication, T(org.openpharma.crm.user.Capability).{value})")
public @interface Allowed {

	Capability value();

}
