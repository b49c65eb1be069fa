package dev.assay.api.agents;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * {@code GET /v1/agents/ca.pem}: the agent CA's certificate, public like any CA certificate. A host owner hands
 * it to {@code assay-agent enroll --ca-cert} so the agent's first call, before it has a certificate of its own,
 * already knows it is talking to this marketplace.
 */
@Controller("/v1/agents")
@Tag(name = "agents", description = "What provider agents need from the REST side: the CA to trust")
class AgentCaController {

    static final String PEM = "application/x-pem-file";

    private final String pem;

    AgentCaController(AgentCertificateAuthority authority) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(authority.caCertificate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.pem = text.toString();
    }

    @Operation(summary = "The certificate agents trust for the marketplace's gRPC port (PEM)")
    @Get("/ca.pem")
    @Produces(PEM)
    String caCertificate() {
        return pem;
    }
}
