package dev.assay.api.platform;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Name and version of this build, written into {@code assay-build.properties} by Maven at build time. */
@Singleton
public final class BuildInfo {

    private static final String RESOURCE = "/assay-build.properties";

    private final String name;
    private final String version;

    BuildInfo() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigurationException(RESOURCE + " is missing from the classpath: rebuild with ./assay build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + RESOURCE, e);
        }
        this.name = properties.getProperty("name", "assay-marketplace");
        this.version = properties.getProperty("version", "unknown");
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }
}
