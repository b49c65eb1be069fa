package dev.assay.loadgen.bare;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code assay-loadgen bare-search-server}: the baseline of the REST search benchmark. A Micronaut 4 server on the
 * same platform BOM and Netty HTTP server as marketplace-api, with one endpoint, {@code GET /v1/offers}, that
 * answers a fixed body (a real search answer captured from the marketplace, so the bytes on the wire are the
 * same) as {@code application/json}. It parses no query, searches nothing, checks no key and limits no rate:
 * what a load run measures against it is the cost of Micronaut, HTTP and moving those bytes, which bounds what
 * the marketplace's search could reach on the same machine.
 */
@Command(name = "bare-search-server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve a fixed JSON body at GET /v1/offers with bare Micronaut (the search benchmark's baseline).")
public final class BareSearchServer implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, description = "HTTP port on 127.0.0.1.")
    int port;

    @Option(names = "--body", required = true, paramLabel = "FILE", description = "The JSON answered to every GET /v1/offers.")
    Path body;

    @Option(names = "--blocking", description = "Answer on Micronaut's blocking executor, as marketplace-api's "
            + "controllers do (@ExecuteOn(BLOCKING)), instead of on the Netty event loop.")
    boolean blocking;

    @Override
    public Integer call() throws Exception {
        byte[] answer = Files.readAllBytes(body);
        ApplicationContext context = start(port, answer, blocking);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("bare-search-server: GET http://127.0.0.1:%d/v1/offers answers %d bytes of %s (%s)%n",
                context.getBean(EmbeddedServer.class).getPort(), answer.length, body,
                blocking ? "blocking executor" : "event loop");
        out.flush();
        // Micronaut's own shutdown hook closes the server on SIGTERM; a second hook here would deadlock with it.
        Thread.currentThread().join();
        return 0;
    }

    /** Starts the server on loopback ({@code port} 0: any free port); close the context to stop it. */
    public static ApplicationContext start(int port, byte[] answer, boolean blocking) {
        return Micronaut.build(new String[0])
                .banner(false)
                .deduceEnvironment(false)
                .properties(Map.of(
                        "micronaut.server.host", "127.0.0.1",
                        "micronaut.server.port", port,
                        BareSearchControllers.BLOCKING_PROPERTY, blocking))
                .singletons(new FixedSearchAnswer(answer))
                .start();
    }
}
