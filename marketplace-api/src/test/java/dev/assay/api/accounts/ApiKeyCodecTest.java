package dev.assay.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyCodecTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void anIssuedKeyParsesBackToItsIdAndASecretThatMatchesTheStoredHash() {
        for (int i = 0; i < 200; i++) {
            String keyId = Ids.next(Ids.KEY, random);
            ApiKeyCodec.Issued issued = ApiKeyCodec.issue(keyId, random);

            ApiKeyCodec.Presented presented = ApiKeyCodec.parse(issued.plaintext()).orElseThrow();

            assertThat(presented.keyId()).isEqualTo(keyId);
            assertThat(presented.secret()).hasSize(ApiKeyCodec.SECRET_CHARS).matches("[0-9A-Za-z]+");
            assertThat(ApiKeyCodec.matches(presented.secret(), issued.secretSha256Hex())).isTrue();
            assertThat(issued.secretSha256Hex()).doesNotContain(presented.secret());
            assertThat(issued.displayPrefix()).startsWith("assay_" + keyId + "_")
                    .doesNotContain(presented.secret());
            assertThat(issued.toString()).doesNotContain(presented.secret());
        }
    }

    @Test
    void everySecretIsDifferent() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(ApiKeyCodec.issue(Ids.next(Ids.KEY, random), random).secretSha256Hex());
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void base62IsFixedWidthAndLosesNoBits() {
        Random seeded = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[ApiKeyCodec.SECRET_BYTES];
            seeded.nextBytes(bytes);
            if (i == 0) {
                bytes = new byte[ApiKeyCodec.SECRET_BYTES]; // all zeros: leading zeros must be kept
            } else if (i == 1) {
                java.util.Arrays.fill(bytes, (byte) 0xff); // the largest secret still fits 43 characters
            }

            String encoded = ApiKeyCodec.base62(bytes);

            assertThat(encoded).hasSize(ApiKeyCodec.SECRET_CHARS);
            assertThat(decodeBase62(encoded)).isEqualTo(new BigInteger(1, bytes));
        }
    }

    @Test
    void aWrongSecretDoesNotMatch() {
        ApiKeyCodec.Issued issued = ApiKeyCodec.issue(Ids.next(Ids.KEY, random), random);
        String secret = ApiKeyCodec.parse(issued.plaintext()).orElseThrow().secret();
        String changed = (secret.charAt(0) == 'A' ? 'B' : 'A') + secret.substring(1);

        assertThat(ApiKeyCodec.matches(changed, issued.secretSha256Hex())).isFalse();
        assertThat(ApiKeyCodec.matches(secret, "not hex")).isFalse();
        assertThat(ApiKeyCodec.matches(secret, "00")).isFalse();
    }

    @Test
    void textThatIsNotAKeyDoesNotParse() {
        String goodId = Ids.next(Ids.KEY, random);
        String goodSecret = "a".repeat(ApiKeyCodec.SECRET_CHARS);
        for (String text : new String[] {null, "", "assay_", "assay__", "assay_" + goodId, "assay_" + goodId + "_",
                "assay_" + goodId + "_" + goodSecret + "a", "assay_" + goodId + "_" + "a".repeat(42),
                "assay_" + goodId + "_" + "a".repeat(42) + "-", "assay_org_" + goodId.substring(4) + "_" + goodSecret,
                "ASSAY_" + goodId + "_" + goodSecret, "assay_" + goodId.toUpperCase() + "_" + goodSecret,
                "assay_" + "x".repeat(200)}) {
            assertThat(ApiKeyCodec.parse(text)).as(String.valueOf(text)).isEmpty();
        }
        assertThat(ApiKeyCodec.parse("assay_" + goodId + "_" + goodSecret)).isPresent();
    }

    @Test
    void onlyKeyIdsCanBeIssued() {
        assertThatThrownBy(() -> ApiKeyCodec.issue("org_" + "0".repeat(26), random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyId");
    }

    @Test
    void idsCarryTheirPrefixAnd26Base32Characters() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = Ids.next(Ids.ORG, random);
            assertThat(id).matches("org_[0-9abcdefghjkmnpqrstvwxyz]{26}");
            assertThat(Ids.isValid(Ids.ORG, id)).isTrue();
            assertThat(Ids.isValid(Ids.KEY, id)).isFalse();
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
        assertThat(Ids.isValid(Ids.ORG, "org_" + "i".repeat(26))).isFalse();
        assertThat(Ids.isValid(Ids.ORG, null)).isFalse();
    }

    private static BigInteger decodeBase62(String text) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        BigInteger n = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            n = n.multiply(BigInteger.valueOf(62)).add(BigInteger.valueOf(alphabet.indexOf(c)));
        }
        return n;
    }
}
