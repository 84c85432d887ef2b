package dev.switchboard.workspace;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The workspace's limits.
 *
 * @param messageMaxChars longest reply or note, in Unicode code points
 * @param pageSize        tickets on a page of a list when the request does not say
 * @param maxPageSize     most tickets on a page, whatever the request says
 * @param maxSearchWords  most words in a free-text search
 * @param editTimeout     longest a change waits for routing to take it before the answer is 503
 * @param portalLinkKey   the key that signs customers' tracking links (base64, 32 bytes or more); every node of
 *                        a scale-out deployment needs the same one. Empty: one is made and kept in the data folder
 * @param portalRepliesPerMinute most customer replies through the portal per client address and minute
 * @param publicUrl       Switchboard's address as customers reach it ({@code https://support.example.com}), for the
 *                        links in mail to them; empty: mail carries no link
 */
@ConfigurationProperties("switchboard.workspace")
public record WorkspaceProperties(
        @DefaultValue("50000") int messageMaxChars,
        @DefaultValue("50") int pageSize,
        @DefaultValue("200") int maxPageSize,
        @DefaultValue("8") int maxSearchWords,
        @DefaultValue("10s") Duration editTimeout,
        @DefaultValue("") String portalLinkKey,
        @DefaultValue("20") int portalRepliesPerMinute,
        @DefaultValue("") String publicUrl) {
}
