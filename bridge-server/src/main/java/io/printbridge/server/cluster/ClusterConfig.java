package io.printbridge.server.cluster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Several servers sharing one PostgreSQL ({@code bridge.cluster.*}).
 *
 * @param enabled whether this server is one of several; PostgreSQL only (H2 is one process's file)
 * @param serverId this server's name among them; empty: host name and process id, new at each start
 * @param sweepInterval how often this server looks in the database for what a lost notification
 *     would have told it: new jobs for the streams it holds, ended jobs someone here waits for,
 *     streams another server took over
 * @param beatInterval how often this server says it is alive
 * @param deadAfter a server silent this long is dead: the streams it held are gone, its stores
 *     offline until their agents come back to a live server
 */
@ConfigurationProperties("bridge.cluster")
public record ClusterConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "") @NotNull String serverId,
        @Bindable(defaultValue = "2s") @NotNull Duration sweepInterval,
        @Bindable(defaultValue = "3s") @NotNull Duration beatInterval,
        @Bindable(defaultValue = "15s") @NotNull Duration deadAfter) {

    /** The configured server id, or host name and process id. */
    public String effectiveServerId() {
        if (!serverId.isBlank()) {
            return serverId;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "server";
        }
        String id = host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }
}
