package dev.assay.matching.placement;

import static org.assertj.core.api.Assertions.assertThat;

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
        int[] sizes = segmentSizes.stream().mapToInt(Integer::intValue).toArray();
        List<String> all = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            for (int i = 0; i < sizes[s]; i++) {
                all.add(s + ":" + i);
            }
        }

        CandidateCursor cursor = new CandidateCursor(sizes, seed);
        List<String> visited = new ArrayList<>();
        for (int piece = 0; piece < cursor.pieces(); piece++) {
            for (int i = cursor.from(piece); i < cursor.to(piece); i++) {
                visited.add(cursor.segment(piece) + ":" + i);
            }
        }

        assertThat(cursor.size()).isEqualTo(all.size());
        assertThat(visited).containsExactlyInAnyOrderElementsOf(all);
        if (!all.isEmpty()) {
            // The walk is the concatenation of the segments, rotated to a seeded start.
            int start = all.indexOf(visited.getFirst());
            List<String> rotated = new ArrayList<>(all.subList(start, all.size()));
            rotated.addAll(all.subList(0, start));
            assertThat(visited).isEqualTo(rotated);
            CandidateCursor again = new CandidateCursor(sizes, seed);
            assertThat(again.segment(0) + ":" + again.from(0)).isEqualTo(visited.getFirst());
        }
    }
}
