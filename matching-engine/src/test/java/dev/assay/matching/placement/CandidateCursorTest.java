package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.Host;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CandidateCursorTest {

    @Property(tries = 200)
    void visits_every_candidate_exactly_once_in_wrapped_order_whatever_the_segments_and_seed(
            @ForAll @Size(max = 5) List<@IntRange(min = 0, max = 4) Integer> segmentSizes, @ForAll long seed) {
        List<List<Host>> segments = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int s = 0; s < segmentSizes.size(); s++) {
            List<Host> hosts = new ArrayList<>();
            for (int i = 0; i < segmentSizes.get(s); i++) {
                Host host = host("s" + s + "-" + i).build();
                hosts.add(host);
                all.add(host.id());
            }
            segments.add(hosts);
        }

        CandidateCursor cursor = new CandidateCursor(segments, seed);
        List<String> visited = new ArrayList<>();
        while (cursor.hasNext()) {
            visited.add(cursor.next().id());
        }

        assertThat(cursor.size()).isEqualTo(all.size());
        assertThat(visited).containsExactlyInAnyOrderElementsOf(all);
        if (!all.isEmpty()) {
            // The walk is the concatenation of the segments, rotated to a seeded start.
            int start = all.indexOf(visited.getFirst());
            List<String> rotated = new ArrayList<>(all.subList(start, all.size()));
            rotated.addAll(all.subList(0, start));
            assertThat(visited).isEqualTo(rotated);
            assertThat(new CandidateCursor(segments, seed).next().id()).isEqualTo(visited.getFirst());
        }
    }
}
