package vote

import (
	"sort"
	"time"

	"github.com/tavoli/tavoli/data"
)

// Opening is the quorum the verbale states: the first moment, from the start of the session, at which
// the numero legale held — the president declares the session valid once enough members have signed
// in, and the check-in usually happens after the session was opened on the laptop. When it never held,
// it is the largest attendance reached, so the verbale says how far it fell short. The moment comes
// from the data (start and arrival times), never from the clock.
func Opening(d data.Dossier) (time.Time, Quorum) {
	seats := d.VoteSeats()
	check := func(t time.Time) Quorum {
		return CheckQuorum(d.Body.Rules, d.Session.Call, seats, data.PresentSeats(d.Register, t))
	}
	start := d.Session.Started
	if start.IsZero() {
		start = d.Session.Date
	}
	moments := []time.Time{start}
	for _, l := range d.Register {
		if l.Presence == data.PresencePresente && l.SeatID != "" && l.Arrived.After(start) {
			moments = append(moments, l.Arrived)
		}
	}
	sort.Slice(moments, func(i, j int) bool { return moments[i].Before(moments[j]) })
	end := d.Session.Ended
	bestAt, best := start, check(start)
	for _, t := range moments {
		if !end.IsZero() && t.After(end) {
			break
		}
		q := check(t)
		if q.Holds {
			return t, q
		}
		if q.Present > best.Present || (q.Present == best.Present && q.PresentPopulation > best.PresentPopulation) {
			bestAt, best = t, q
		}
	}
	return bestAt, best
}
