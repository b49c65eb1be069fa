package dev.assay.loadgen.renters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.assay.matching.search.OfferQueryParser;
import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchQueriesTest {

    @Test
    void everyQueryTheRentersSendIsValidQueryLanguage() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            String query = SearchQueries.draw(random);
            assertThatCode(() -> OfferQueryParser.parse(query)).as(query).doesNotThrowAnyException();
        }
    }

    @Test
    void theCatalogueIsVariedAndTheSameForTheSameSeed() {
        SearchQueries one = new SearchQueries(new SplittableRandom(9));
        SearchQueries again = new SearchQueries(new SplittableRandom(9));

        assertThat(one.catalogue()).hasSize(SearchQueries.CATALOGUE_SIZE).isEqualTo(again.catalogue());
        assertThat(new HashSet<>(one.catalogue())).hasSizeGreaterThan(SearchQueries.CATALOGUE_SIZE / 2);
        assertThat(one.catalogue()).anyMatch(q -> q.contains("order by price asc"))
                .anyMatch(q -> q.contains("limit 100")).anyMatch(q -> q.contains("gpu_name"));
    }

    @Test
    void aFixedQueryIsTheOnlyOneAsked() {
        SearchQueries only = SearchQueries.only("gpu_ram>=24 limit 20");
        assertThat(only.pick(new SplittableRandom(1))).isEqualTo("gpu_ram>=24 limit 20");
    }
}
