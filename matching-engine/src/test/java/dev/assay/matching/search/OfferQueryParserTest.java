package dev.assay.matching.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferQueryParserTest {

    @Test
    void readsTheFormRentersAlreadyType() {
        OfferQuery query = OfferQueryParser.parse(
                "gpu_ram>=24 num_gpus>=2 reliability>0.98 gpu_name in [RTX_4090,RTX_3090] geolocation notin [CN] "
                        + "verified=true order by value desc, price asc limit 20");

        assertThat(query.filters()).containsExactly(
                new Filter(OfferField.GPU_RAM, Comparison.GE, List.of("24")),
                new Filter(OfferField.NUM_GPUS, Comparison.GE, List.of("2")),
                new Filter(OfferField.RELIABILITY, Comparison.GT, List.of("0.98")),
                new Filter(OfferField.GPU_NAME, Comparison.IN, List.of("RTX_4090", "RTX_3090")),
                new Filter(OfferField.GEOLOCATION, Comparison.NOT_IN, List.of("CN")),
                new Filter(OfferField.VERIFIED, Comparison.EQ, List.of("true")));
        assertThat(query.order()).containsExactly(new SortKey(OfferField.VALUE, true), new SortKey(OfferField.PRICE, false));
        assertThat(query.limit()).isEqualTo(20);
    }

    @Test
    void spacesAroundOperatorsCaseAndUnderscoresDoNotMatter() {
        assertThat(OfferQueryParser.parse("GPU_NAME = rtx_4090   gpu_ram >= 24.0"))
                .isEqualTo(OfferQueryParser.parse("gpu_name=RTX 4090 gpu_ram>=24".replace("RTX 4090", "RTX_4090")));
    }

    @Test
    void numbersAreKeptInCanonicalForm() {
        assertThat(OfferQueryParser.parse("gpu_ram>=2.4e1 price<=$1.50 inet_up>1E3").toString())
                .isEqualTo("gpu_ram>=24 price<=1.5 inet_up>1000 order by value desc limit 50");
    }

    @Test
    void anEmptyQueryIsEveryOfferByValue() {
        OfferQuery query = OfferQueryParser.parse("  ");

        assertThat(query).isEqualTo(OfferQuery.all());
        assertThat(query.toString()).isEqualTo("order by value desc limit 50");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            gpu_rma>=24                 | at 0, 'gpu_rma': unknown field; expected one of gpu_name, num_gpus
            gpu_ram>=abc                | at 9, 'abc': '>=' needs a number for gpu_ram, got 'abc'
            gpu_ram>=1e999999999        | at 9, '1e999999999': '>=' needs a number for gpu_ram with at most 18 digits either side of the point, got '1e999999999'
            price<0.0000000000000000001 | at 6, '0.0000000000000000001': '<' needs a number for price with at most 18 digits either side of the point
            gpu_ram 24                  | at 8, '24': expected an operator after gpu_ram: = != < <= > >= in notin
            gpu_name in RTX_4090        | at 12, 'RTX_4090': 'in' needs a list like [A,B]
            gpu_name in [RTX_4090 RTX_3090] | at 22, 'RTX_3090': expected ',' or ']' in the list
            tier<secure                 | at 4, '<': '<' compares numbers or versions; tier is text: use = != in notin
            tier=gold                   | at 5, 'gold': tier is secure or community, got 'gold'
            verified=yes                | at 9, 'yes': verified needs true or false, got 'yes'
            cuda_version>=twelve        | at 14, 'twelve': cuda_version needs a version like 12.4, got 'twelve'
            gpu_ram>=                   | at 9, 'end of query': '>=' needs a value for gpu_ram
            limit 0                     | at 6, '0': limit needs a whole number within 1..1000
            limit 5 limit 6             | at 8, 'limit': 'limit' given twice
            order value                 | at 6, 'value': expected 'by' after 'order'
            order by colour             | at 9, 'colour': unknown field; expected one of
            gpu_ram=<24                 | at 7, '=<': expected an operator after gpu_ram
            """)
    void aMistakeNamesTheTermWhereItIsAndWhatWasExpected(String query, String message) {
        assertThatThrownBy(() -> OfferQueryParser.parse(query))
                .isInstanceOf(QueryParseException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message.strip());
    }

    @Test
    void anOverlongQueryIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> OfferQueryParser.parse("gpu_ram>=1 ".repeat(300)))
                .isInstanceOf(QueryParseException.class)
                .hasMessageContaining("longer than 2000 characters");
    }

    @Property(tries = 300)
    void theCanonicalTextParsesBackToTheSameQuery(@ForAll("queries") OfferQuery query) {
        OfferQuery again = OfferQueryParser.parse(query.toString());

        assertThat(again).isEqualTo(query);
        assertThat(again.toString()).isEqualTo(query.toString());
    }

    @Provide
    Arbitrary<OfferQuery> queries() {
        Arbitrary<Filter> number = Combinators.combine(
                Arbitraries.of(OfferField.GPU_RAM, OfferField.NUM_GPUS, OfferField.PRICE, OfferField.RELIABILITY,
                        OfferField.SCORE, OfferField.VALUE, OfferField.INET_DOWN),
                Arbitraries.of(Comparison.EQ, Comparison.NE, Comparison.LT, Comparison.LE, Comparison.GT, Comparison.GE),
                Arbitraries.bigDecimals().between(java.math.BigDecimal.ZERO, java.math.BigDecimal.valueOf(10_000))
                        .ofScale(3).map(d -> d.stripTrailingZeros().toPlainString()))
                .as((field, op, value) -> new Filter(field, op, List.of(value)));
        Arbitrary<Filter> text = Combinators.combine(
                Arbitraries.of(OfferField.GPU_NAME, OfferField.REGION, OfferField.GEOLOCATION),
                Arbitraries.of(Comparison.EQ, Comparison.NE, Comparison.IN, Comparison.NOT_IN),
                Arbitraries.of("RTX_4090", "H100_SXM5_80GB", "EU-CENTRAL", "US", "A100").list().ofMinSize(1).ofMaxSize(3))
                .as((field, op, values) -> new Filter(field, op, op.isList() ? values : values.subList(0, 1)));
        Arbitrary<Filter> version = Arbitraries.of("12.4", "12.10", "550.54.15", "8.9")
                .map(v -> new Filter(OfferField.CUDA_VERSION, Comparison.GE, List.of(v)));
        Arbitrary<Filter> flag = Arbitraries.of("true", "false")
                .map(v -> new Filter(OfferField.VERIFIED, Comparison.EQ, List.of(v)));
        Arbitrary<SortKey> key = Combinators.combine(Arbitraries.of(OfferField.values()), Arbitraries.of(true, false))
                .as(SortKey::new);
        return Combinators.combine(
                        Arbitraries.oneOf(number, text, version, flag).list().ofMaxSize(6),
                        key.list().ofMaxSize(3),
                        Arbitraries.integers().between(1, 1000))
                .as(OfferQuery::new);
    }
}
