package vote

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// TestSchulzeMatrices checks the pairwise preferences d and the strongest paths p of Wikipedia's
// Schulze example against the tables published with it ("Schulze method", section Example; Example 1
// of https://pinocchiopedia.com/wiki/User:MarkusSchulze/Schulze_method_examples). Rows and columns
// are A to E; the diagonal is 0.
func TestSchulzeMatrices(t *testing.T) {
	c := Count{Method: data.MethodSchulze}
	for _, id := range []string{"A", "B", "C", "D", "E"} {
		c.Options = append(c.Options, Option{ID: id})
	}
	for _, l := range []struct {
		n     int
		order string
	}{{5, "ACBED"}, {5, "ADECB"}, {8, "BEDAC"}, {3, "CABED"}, {7, "CAEBD"}, {2, "CBADE"}, {7, "DCEBA"}, {8, "EBADC"}} {
		c.Ballots = append(c.Ballots, Ballot{Count: l.n, Ranking: strings.Split(l.order, "")})
	}
	c, err := c.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	k := newCounter(c)
	k.screen()
	d := k.pairwise()
	wantD := []int64{
		0, 20, 26, 30, 22,
		25, 0, 16, 33, 18,
		19, 29, 0, 17, 24,
		15, 12, 28, 0, 14,
		23, 27, 21, 31, 0,
	}
	if fmt.Sprint(d) != fmt.Sprint(wantD) {
		t.Errorf("pairwise(Wikipedia's example) = %v, want %v", d, wantD)
	}
	p := strongestPaths(5, d)
	wantP := []int64{
		0, 28, 28, 30, 24,
		25, 0, 28, 33, 24,
		25, 29, 0, 29, 24,
		25, 28, 28, 0, 24,
		25, 28, 28, 31, 0,
	}
	if fmt.Sprint(p) != fmt.Sprint(wantP) {
		t.Errorf("strongestPaths(Wikipedia's example) = %v, want %v", p, wantP)
	}
}
