package report

import (
	"sort"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// named are the seats an open motion names as contrari and astenuti, in the order of the body's seats.
type named struct {
	contrari, astenuti []voter
}

// voter is a seat that voted, with who held it: "Comune di Paciano (Rossi Anna)".
type voter struct {
	seat   string
	comune bool // a comune's seat, which a sentence names with its article: "il Comune di Paciano"
	person string
}

func (v voter) String() string {
	// A seat held in one's own name is named once: "Cenci Valentina", not "Cenci Valentina (Cenci Valentina)".
	if v.person == "" || strings.EqualFold(strings.TrimSpace(v.person), strings.TrimSpace(v.seat)) {
		return v.seat
	}
	return v.seat + " (" + v.person + ")"
}

// voterList writes seats as a verbale lists them: "Comune di Magione (Bianchi Luca) e Comune di
// Paciano (Rossi Anna)"; with article, each comune takes its "il".
func voterList(vs []voter, article bool) string {
	parts := make([]string, 0, len(vs))
	for _, v := range vs {
		s := v.String()
		if article {
			s = "il " + s
		}
		parts = append(parts, s)
	}
	return joinAnd(parts)
}

// unanimity says whether a motion's favorevoli were all the present ("presenti") or all who voted
// ("votanti": nobody against, some abstained or did not vote), or "" when someone voted against or,
// where the rules count them among the votanti, handed in a scheda bianca or nulla.
func unanimity(s vote.Sums) string {
	switch {
	case s.Favorevoli == 0 || s.Contrari > 0 || s.Votanti > s.Favorevoli:
		return ""
	case s.Astenuti == 0 && s.Favorevoli == s.Presenti:
		return "presenti"
	}
	return "votanti"
}

// abstained is the clause that follows "all'unanimità dei votanti": ", astenuto il Comune di Paciano
// (Rossi Anna)", ", astenuti il Comune di A (…) e il Comune di B (…)"; seats that are not all comuni
// are listed after a colon; "" when nobody is named.
func abstained(vs []voter) string {
	if len(vs) == 0 {
		return ""
	}
	word := plural(int64(len(vs)), "astenuto", "astenuti")
	for _, v := range vs {
		if !v.comune {
			return ", " + word + ": " + voterList(vs, false)
		}
	}
	return ", " + word + " " + voterList(vs, true)
}

// namedVoters finds who voted against and who abstained in an open motion recorded seat by seat.
// Everything else (a secret vote, totals by show of hands, a priority vote) names nobody.
func namedVoters(d data.Dossier, v data.Vote, r vote.Result) named {
	ballots := d.Ballots[v.ID]
	if v.Secret || v.Method != data.MethodMotion || !seatBySeat(ballots) {
		return named{}
	}
	invalid := map[int]bool{}
	for _, x := range r.Invalid {
		invalid[x.Ballot] = true
	}
	var contrari, astenuti []string
	for i, b := range ballots {
		switch {
		case invalid[i], b.Choice == vote.Favorevole:
		case b.Choice == vote.Contrario:
			contrari = append(contrari, b.Voter)
		default:
			astenuti = append(astenuti, b.Voter)
		}
	}
	voters := func(ids []string) []voter {
		order(d.Seats, ids)
		out := make([]voter, 0, len(ids))
		for _, id := range ids {
			x := voter{}
			x.seat, x.comune = seatName(d, v, id)
			if l, ok := holder(d.Register, id, v); ok {
				x.person = who(l)
			}
			out = append(out, x)
		}
		return out
	}
	return named{contrari: voters(contrari), astenuti: voters(astenuti)}
}

// seatBySeat reports whether a vote's ballots were recorded one per seat, none of them anonymous.
func seatBySeat(ballots []data.VoteBallot) bool {
	for _, b := range ballots {
		if b.Voter == "" {
			return false
		}
	}
	return len(ballots) > 0
}

// byShowOfHands reports whether an open motion was recorded by its totals only: a show of hands.
func byShowOfHands(d data.Dossier, v data.Vote) bool {
	ballots := d.Ballots[v.ID]
	if v.Secret || v.Method != data.MethodMotion || len(ballots) == 0 {
		return false
	}
	for _, b := range ballots {
		if b.Voter != "" {
			return false
		}
	}
	return true
}

// order sorts seat ids in the order of the body's seats; seats the body no longer has go last.
func order(seats []data.SeatView, ids []string) {
	pos := map[string]int{}
	for i, s := range seats {
		pos[s.ID] = i + 1
	}
	rank := func(id string) int {
		if p, ok := pos[id]; ok {
			return p
		}
		return len(seats) + 1
	}
	sort.SliceStable(ids, func(i, j int) bool { return rank(ids[i]) < rank(ids[j]) })
}

// seatName names a seat the way a verbale names a voter: a comune's seat as "Comune di Paciano" (and
// comune is true), any other by its name. A seat the body no longer has keeps the vote's label.
func seatName(d data.Dossier, v data.Vote, id string) (name string, comune bool) {
	for _, s := range d.Seats {
		if s.ID == id {
			name := strings.TrimSpace(s.Name)
			if s.ComuneID == "" {
				return name, false
			}
			if strings.HasPrefix(strings.ToLower(name), "comune ") {
				return "Comune " + name[len("comune "):], true
			}
			return "Comune di " + name, true
		}
	}
	for _, x := range v.Voters {
		if x.ID == id && strings.TrimSpace(x.Label) != "" {
			return strings.TrimSpace(x.Label), false
		}
	}
	for _, l := range d.Register {
		if l.SeatID == id && l.SeatName != "" {
			return l.SeatName, false
		}
	}
	return id, false
}

// holder is the register line of who held a seat when the vote opened: present then, or else the
// last one present for it during the session (a vote opened before a late arrival was recorded).
func holder(lines []data.RegisterLine, seatID string, v data.Vote) (data.RegisterLine, bool) {
	var found data.RegisterLine
	ok := false
	for _, l := range lines {
		if l.SeatID != seatID || l.PersonID == "" || l.Presence != data.PresencePresente {
			continue
		}
		if l.PresentAt(v.Opened) {
			return l, true
		}
		found, ok = l, true
	}
	return found, ok
}
