package dev.assay.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The agent's version, written into {@code assay-agent.properties} by Maven. */
public final class AgentVersion implements IVersionProvider {

    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = AgentVersion.class.getResourceAsStream("/assay-agent.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"assay-agent " + current() + " (contract assay.agent.v1, Java " + Runtime.version() + ")"};
    }
}
