package dev.assay.api.idempotency;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What is kept of a completed response to replay it: status, the headers that matter to a client
 * ({@code Content-Type}, {@code Location}) and the body bytes exactly as first sent.
 */
record StoredResponse(int status, Optional<String> contentType, Optional<String> location, byte[] body) {

    StoredResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(location, "location");
        body = body == null ? new byte[0] : body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredResponse other && status == other.status && contentType.equals(other.contentType)
                && location.equals(other.location) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, location, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "StoredResponse[status=" + status + ", contentType=" + contentType + ", location=" + location
                + ", body=" + body.length + " bytes]";
    }
}
