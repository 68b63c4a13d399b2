package org.openpharma.crm.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Lets @WebMvcTest slices in other packages import the (package-private) security configuration. */
@Configuration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class SecurityConfigurationAccess {

}
