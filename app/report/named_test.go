package report

import (
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// sindaciVotes is the Tavolo dei Sindaci with five motions on item 2: one recorded seat by seat with
// contrari and astenuti, one approved by all who voted with Paciano abstaining, one approved by all
// the present, one by show of hands, and one by secret ballot.
func sindaciVotes() data.Dossier {
	d := sindaciDossier()
	at := func(hh, mm int) time.Time { return rome(2027, time.April, 2, hh, mm) }
	var voters []data.VoteVoter
	for _, s := range d.Seats {
		present := s.Name != "Tuoro sul Trasimeno" && s.Name != "Piegaro"
		voters = append(voters, data.VoteVoter{ID: s.ID, Label: s.Name, Weight: int64(s.Population), Present: present})
	}
	motion := func(id, subject string, secret bool, opened time.Time) data.Vote {
		return data.Vote{Meta: data.Meta{ID: id}, SessionID: d.Session.ID, AgendaItemID: "si2", Subject: subject,
			Method: data.MethodMotion, Secret: secret, Rules: d.Body.Rules, Status: data.VoteChiusa, Opened: opened,
			Closed: opened.Add(2 * time.Minute), QuorumPresent: 6, QuorumRequired: 5, QuorumHolds: true,
			QuorumPopulation: 49500, QuorumRequiredPopulation: 28451, Voters: voters}
	}
	// Seats in order: Castiglione, Magione, Città della Pieve, Passignano, Panicale, Tuoro (excused),
	// Piegaro (absent), Paciano.
	bySeat := func(id string, choices ...string) []data.VoteBallot {
		present := []string{"comune-1", "comune-2", "comune-3", "comune-4", "comune-5", "comune-8"}
		var out []data.VoteBallot
		for i, c := range choices {
			out = append(out, data.VoteBallot{VoteID: id, Voter: present[i], Count: 1, Choice: c})
		}
		return out
	}
	d.Votes = []data.Vote{
		motion("vn", "Obiettivi dell'area Anziani", false, at(10, 40)),
		motion("vv", "Calendario delle sedute", false, at(11, 0)),
		motion("vp", "Mandato all'Ufficio di Piano", false, at(11, 10)),
		motion("vh", "Adesione alla rete regionale", false, at(11, 20)),
		motion("vs", "Designazione del rappresentante", true, at(11, 30)),
	}
	d.Ballots = map[string][]data.VoteBallot{
		"vn": bySeat("vn", "favorevole", "contrario", "favorevole", "favorevole", "astenuto", "astenuto"),
		"vv": bySeat("vv", "favorevole", "favorevole", "favorevole", "favorevole", "favorevole", "astenuto"),
		"vp": bySeat("vp", "favorevole", "favorevole", "favorevole", "favorevole", "favorevole", "favorevole"),
		"vh": {{VoteID: "vh", Count: 5, Choice: "favorevole"}, {VoteID: "vh", Count: 1, Choice: "contrario"}},
		"vs": {{VoteID: "vs", Count: 4, Choice: "favorevole"}, {VoteID: "vs", Count: 1, Choice: "contrario"},
			{VoteID: "vs", Count: 1, Choice: "astenuto"}},
	}
	return d
}

// holderName is how the documents name who held a seat in the dossier's register.
func holderName(t *testing.T, d data.Dossier, seatID string) string {
	t.Helper()
	for _, l := range d.Register {
		if l.SeatID == seatID && l.Presence == data.PresencePresente {
			return who(l)
		}
	}
	t.Fatalf("nobody held %s", seatID)
	return ""
}

func TestVotesNamed(t *testing.T) {
	d := sindaciVotes()
	magione, panicale, paciano := holderName(t, d, "comune-2"), holderName(t, d, "comune-5"), holderName(t, d, "comune-8")
	castiglione := holderName(t, d, "comune-1")
	named := "contrari: Comune di Magione (" + magione + "); astenuti: Comune di Panicale (" + panicale +
		") e Comune di Paciano (" + paciano + ")."
	votanti := "Approvata all'unanimità dei votanti, astenuto il Comune di Paciano (" + paciano + "): 5 favorevoli, 0 contrari, 1 astenuto"
	presenti := "Approvata all'unanimità dei presenti: 6 favorevoli, 0 contrari, 0 astenuti"
	hands := "«Adesione alla rete regionale»: votazione palese per alzata di mano (favorevoli, contrari e astenuti)"

	verbale := pdfText(t, writePDF(t, "verbale-voti.pdf", render(t, Verbale, d)))
	contains(t, "verbale", verbale,
		"Approvata a maggioranza assoluta dei votanti: 3 favorevoli, 1 contrario, 2 astenuti", named,
		votanti, presenti, hands,
		"«Designazione del rappresentante»: votazione a scrutinio segreto")
	_, secret, _ := strings.Cut(verbale, "«Designazione del rappresentante»")
	secret, _, _ = strings.Cut(secret, "La seduta è tolta")
	if strings.Contains(secret, "contrari:") || strings.Contains(secret, "astenuti:") || strings.Contains(secret, "Comune di") {
		t.Errorf("the secret vote names its voters in the verbale: %q", secret)
	}
	if strings.Count(verbale, "per alzata di mano") != 1 {
		t.Errorf("«per alzata di mano» %d times in the verbale, want once (the vote by totals)", strings.Count(verbale, "per alzata di mano"))
	}

	results := func(id string) string {
		return pdfText(t, writePDF(t, "risultati-"+id+".pdf", render(t, func(d data.Dossier) ([]byte, error) { return Results(d, id) }, d)))
	}
	contains(t, "results of the named vote", results("vn"), named)
	contains(t, "results of the unanimous vote", results("vv"), votanti)
	contains(t, "results of the vote of all the present", results("vp"), presenti)
	contains(t, "results by show of hands", results("vh"), hands, "Approvata a maggioranza assoluta dei votanti: 5 favorevoli, 1 contrario")
	s := results("vs")
	contains(t, "results of the secret vote", s, "votazione a scrutinio segreto", "4 favorevoli, 1 contrario, 1 astenuto")
	for _, name := range []string{magione, panicale, paciano, castiglione, "Comune di"} {
		if strings.Contains(s, name) {
			t.Errorf("the secret vote's results name %q: %q", name, s)
		}
	}
}

// Seats that are not comuni are named without an article, after a colon.
func TestOutcomeNamedOtherSeats(t *testing.T) {
	d := anziani()
	v := d.Votes[0]
	v.Voters = nil
	var ballots []data.VoteBallot
	for _, s := range d.Seats[:10] {
		v.Voters = append(v.Voters, data.VoteVoter{ID: s.ID, Label: s.Name, Weight: 1, Present: s.ID != "seat-09"})
		choice := "favorevole"
		if s.ID == "seat-08" {
			choice = "astenuto"
		}
		if s.ID != "seat-09" {
			ballots = append(ballots, data.VoteBallot{VoteID: v.ID, Voter: s.ID, Count: 1, Choice: choice})
		}
	}
	d.Ballots = map[string][]data.VoteBallot{v.ID: ballots}
	r, err := tallyOf(d, v)
	if err != nil {
		t.Fatal(err)
	}
	want := "Approvata all'unanimità dei votanti, astenuto: Paciano – Servizi sociali (" + holderName(t, d, "seat-08") +
		"): 8 favorevoli, 0 contrari, 1 astenuto."
	if got := OutcomeNamed(d, v, r); got != want {
		t.Errorf("OutcomeNamed = %q, want %q", got, want)
	}
	v.Secret = true
	if got := OutcomeNamed(d, v, r); got == want {
		t.Errorf("OutcomeNamed of a secret vote names its astenuto: %q", got)
	}
}

// TestVoterNamedOnce: a seat held in one's own name is not followed by the same name in brackets, and a
// list that ends with a name in initials ends with one period.
func TestVoterNamedOnce(t *testing.T) {
	for _, c := range []struct {
		v    voter
		want string
	}{
		{voter{seat: "Cenci Valentina", person: "Cenci Valentina"}, "Cenci Valentina"},
		{voter{seat: "Cenci Valentina ", person: "cenci valentina"}, "Cenci Valentina "},
		{voter{seat: "Comune di Paciano", comune: true, person: "Rossi Anna"}, "Comune di Paciano (Rossi Anna)"},
		{voter{seat: "Forum del Terzo settore"}, "Forum del Terzo settore"},
	} {
		if got := c.v.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.v, got, c.want)
		}
	}
	lines := []data.RegisterLine{{PersonName: "Rossi Anna"}, {PersonName: "C. G."}}
	if got := nameList(lines); got != "Rossi Anna; C. G." {
		t.Errorf("nameList = %q, want one period after the initials", got)
	}
	if got := nameList(lines[:1]); got != "Rossi Anna." {
		t.Errorf("nameList = %q, want the closing period", got)
	}
}

// TestApprovedByTheBody: the approval note contracts its preposition with the body's article.
func TestApprovedByTheBody(t *testing.T) {
	in := data.Session{Date: rome(2027, time.April, 8, 15, 0)}
	for body, want := range map[string]string{
		"Ufficio di Piano":       "Verbale approvato dall'Ufficio di Piano nella seduta dell'8 aprile 2027.",
		"Tavolo dei Sindaci":     "Verbale approvato dal Tavolo dei Sindaci nella seduta dell'8 aprile 2027.",
		"Conferenza dei Sindaci": "Verbale approvato dalla Conferenza dei Sindaci nella seduta dell'8 aprile 2027.",
	} {
		if got := approvedBy(data.Dossier{Body: data.Body{Name: body}}, in); got != want {
			t.Errorf("%s: %q, want %q", body, got, want)
		}
	}
}

// TestQuote: a title with guillemets of its own is quoted with quotation marks inside.
func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"Il «dopo di noi» senza risposte": "«Il “dopo di noi” senza risposte»",
		"  Custodi sociali ":              "«Custodi sociali»",
		"":                                "«»",
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %q, want %q", in, got, want)
		}
	}
}
