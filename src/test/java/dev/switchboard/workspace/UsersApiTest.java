package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;

/** Leads and admins through the admin API: checked field by field, every bad field in one answer. */
class UsersApiTest extends AppTest {

    @Test
    void aLeadNeedsATeamThatExistsAndAnAdminNone() {
        Api.Response badLead = api().post("/api/v1/users", """
                {"email":"not-an-email","name":"Lu","password":"s3cret-pass","role":"lead","team":"no-such-team"}""", admin());
        Api.Response adminWithTeam = api().post("/api/v1/users", """
                {"email":"ad@example.com","name":"Ad","password":"short","role":"admin","team":"billing"}""", admin());
        Api.Response badRole = api().post("/api/v1/users", """
                {"email":"ro@example.com","name":"Ro","password":"s3cret-pass","role":"owner","team":"billing"}""", admin());

        assertThat(badLead.status()).isEqualTo(400);
        assertThat(badLead.json().get("errors")).extracting(e -> e.get("field").asString() + ": " + e.get("message").asString())
                .containsExactlyInAnyOrder("email: must be a well-formed email address", "team: a lead leads an existing team");
        assertThat(adminWithTeam.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("password", "team");
        assertThat(badRole.json().get("errors")).extracting(e -> e.get("field").asString()).containsExactly("role");
    }
}
