package org.openpharma.crm.system;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Without {@code crm.database.replica-url} nothing of the read replica exists: Boot's one pool, as before. */
@WebIntegrationTest
@AutoConfigureMockMvc
class SingleDatabaseIntegrationTests extends WebTestBase {

	@Autowired
	ApplicationContext context;

	@Autowired
	MockMvc mvc;

	@Test
	void onePoolAndNoRouting() throws Exception {
		assertThat(this.context.getBeansOfType(DataSource.class)).hasSize(1)
			.allSatisfy((name, dataSource) -> assertThat(dataSource).isInstanceOf(HikariDataSource.class));
		assertThat(this.context.getBeanNamesForType(ReplicaAvailability.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ReplicaReadFilter.class)).isEmpty();
		assertThat(this.context.containsBean("replicaHealthIndicator")).isFalse();
		assertThat(this.mvc.perform(post("/hcps/new").with(user("admin").roles("ADMIN")).with(csrf()))
			.andReturn()
			.getResponse()
			.getCookie(ReplicaReadFilter.RECENT_WRITE)).isNull();
	}

}
