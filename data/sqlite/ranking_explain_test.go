package sqlite

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// TestRankingExplainsEveryScore checks that every consolidated score of the demo can be redone from
// what the ranking says of it: the mean of the shares it lists is the score, each share is the vote's
// own (a Schulze place, a part of the total), and a merged proposal names the parts it set aside with
// the figure they would have made.
func TestRankingExplainsEveryScore(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	seedDemo(t, s, 1)
	ranking, err := s.Ranking(ctx, "")
	must(t, "Ranking", err)
	if len(ranking) == 0 {
		t.Fatal("Ranking() of the demo is empty")
	}
	for _, r := range ranking {
		if len(r.Counted) != r.Votes || r.Votes == 0 {
			t.Errorf("%q: %d votes counted, %d listed", r.Title, r.Votes, len(r.Counted))
			continue
		}
		sum := 0.0
		for _, c := range r.Counted {
			sum += c.Share
			var want float64
			switch c.Method {
			case data.MethodSchulze:
				want = float64(c.Options-c.Rank) / float64(c.Options-1)
			case data.MethodScore:
				lo, hi := float64(c.ScaleMin), float64(c.ScaleMax)
				if lo == 0 && hi == 0 {
					lo, hi = 1, 5
				}
				want = (c.Score - lo) / (hi - lo)
			default:
				want = c.Score / c.Total
			}
			if math.Abs(c.Share-want) > 1e-9 || c.BodyName == "" || c.Date.IsZero() || c.Valid <= 0 {
				t.Errorf("%q in %s (%s): share %v, want %v from score %v of %v, place %d of %d", r.Title, c.BodyName,
					c.Method, c.Share, want, c.Score, c.Total, c.Rank, c.Options)
			}
		}
		// The demo's office weighs every table the same: the score is the plain mean.
		if math.Abs(sum/float64(len(r.Counted))-r.Score) > 1e-9 {
			t.Errorf("%q: shares %+v average %v, score %v", r.Title, r.Counted, sum/float64(len(r.Counted)), r.Score)
		}
	}

	// «Trasporto sociale di Ambito», first at the Anziani table, has in it the transport to work that got
	// 1 dot of 15 at the Integrazione lavorativa table: it keeps 1,00 and says that together they would
	// make (1 + 1/15)/2.
	i := slices.IndexFunc(ranking, func(r data.Ranked) bool {
		return r.Title == "Trasporto sociale di Ambito con volontari e mezzi comunali"
	})
	if i < 0 {
		t.Fatal("the demo's Trasporto sociale di Ambito is not ranked")
	}
	tr := ranking[i]
	left := "Trasporto verso i luoghi di lavoro e di tirocinio"
	if tr.Score != 1 || tr.Rank != 1 || len(tr.Counted) != 1 || tr.Counted[0].Method != data.MethodSchulze ||
		!slices.Equal(tr.Left, []string{left}) || math.Abs(tr.Whole-(1+1.0/15)/2) > 1e-9 || len(tr.SetAside) != 2 {
		t.Fatalf("Trasporto = score %v rank %d, counted %+v, left %v, whole %v, set aside %+v", tr.Score, tr.Rank,
			tr.Counted, tr.Left, tr.Whole, tr.SetAside)
	}
	dots := tr.SetAside[1]
	if dots.Method != data.MethodDots || dots.Score != 1 || dots.Total != 15 || !slices.Equal(dots.Via, []string{left}) {
		t.Errorf("Trasporto set aside the dot vote as %+v, want 1 dot of 15 through %q", dots, left)
	}
}
