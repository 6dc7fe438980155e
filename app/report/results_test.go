package report

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// withPriorityVote is the Anziani dossier with a second vote, by approval, whose first option has a
// title far longer than the chart's label column, and a body whose name does not fit the page heading.
func withPriorityVote(long string) data.Dossier {
	d := anziani()
	d.Body.Name = "Tavolo tematico Anziani, non autosufficienza e domiciliarità dei sette Comuni del lago"
	v := data.Vote{Meta: data.Meta{ID: "v2"}, SessionID: d.Session.ID, AgendaItemID: "item-07",
		Subject: "Priorità dell'area Anziani per il 2028", Method: data.MethodApproval,
		Rules: data.DefaultRules(data.BodyTavoloTematico), Status: data.VoteChiusa,
		Opened: d.Session.Started.Add(90 * 60e9), QuorumPresent: 10, QuorumRequired: 7,
		Options: []data.VoteOption{{ID: "o1", Label: long}, {ID: "o2", Label: "Caffè Alzheimer itinerante"},
			{ID: "o3", Label: "Custode sociale di quartiere"}}}
	d.Votes = append(append([]data.Vote(nil), d.Votes...), v)
	ballots := map[string][]data.VoteBallot{}
	for k, b := range d.Ballots {
		ballots[k] = b
	}
	ballots["v2"] = []data.VoteBallot{{VoteID: "v2", Count: 6, Approve: []string{"o1", "o2"}},
		{VoteID: "v2", Count: 3, Approve: []string{"o3"}}}
	d.Ballots = ballots
	return d
}

// TestResultsNumberedAndWhole: each vote of a session has its own number and title; a long option title
// wraps in the chart, word by word, and is printed whole; a body's long name is never cut in the page
// heading.
func TestResultsNumberedAndWhole(t *testing.T) {
	long := "Trasporto sociale di Ambito con numero unico di prenotazione, mezzi attrezzati per le carrozzine " +
		"e accompagnatori volontari formati"
	d := withPriorityVote(long)
	first := pdfText(t, writePDF(t, "risultati-1.pdf", render(t, func(d data.Dossier) ([]byte, error) {
		return Results(d, "v1")
	}, d)))
	second := writePDF(t, "risultati-2.pdf", render(t, func(d data.Dossier) ([]byte, error) { return Results(d, "v2") }, d))
	text := pdfText(t, second)
	contains(t, "the first vote's results", first, "ESITO DELLA VOTAZIONE N. 1", "Esito della votazione n. 1")
	contains(t, "the second vote's results", text, "ESITO DELLA VOTAZIONE N. 2", "Esito della votazione n. 2",
		"Priorità dell'area Anziani per il 2028")
	if strings.Contains(text, "N. 1") {
		t.Error("the second vote's results call it N. 1")
	}
	if got := metaTitle(t, second); !strings.HasPrefix(got, "Esito della votazione n. 2 – ") {
		t.Errorf("the second vote's PDF title is %q", got)
	}

	// The chart's label is the title's first whole words (with "…" when it needs more than three lines),
	// and the table under the chart gives it whole.
	flat := strings.Join(strings.Fields(text), " ")
	at := strings.Index(flat, "1. Trasporto")
	if at < 0 {
		t.Fatalf("no chart label for the long title in %q", flat)
	}
	label, _, _ := strings.Cut(flat[at+len("1. "):], " 6 ")
	if head, cut := strings.CutSuffix(label, "…"); !cut && label != long ||
		cut && (!strings.HasPrefix(long, head) || long[len(head)] != ' ') {
		t.Errorf("the chart's label %q is not the long title cut after a whole word", label)
	}
	if _, table, _ := strings.Cut(flat, "Proposta Approvazioni"); !strings.Contains(table, long) {
		t.Errorf("the table does not give the whole title: %q", table)
	}
	// The page heading carries the body's whole name, on two lines.
	contains(t, "the page heading", flat, "Tavolo tematico Anziani, non autosufficienza", "domiciliarità dei sette Comuni del lago")
	if head, _, _ := strings.Cut(text, "ESITO"); strings.Contains(head, "…") {
		t.Errorf("the page heading is shortened with «…»: %q", head)
	}

	if _, err := Results(d, "v9"); data.AsError(err) == nil || data.AsError(err).Key != "err.vote.not_in_session" {
		t.Errorf("results of a vote not in the session: %v, want err.vote.not_in_session", err)
	}
}

// metaTitle is the Title of a PDF's information dictionary, as pdfinfo reads it.
func metaTitle(t *testing.T, path string) string {
	t.Helper()
	for _, line := range strings.Split(run(t, tool(t, "pdfinfo", "poppler-utils"), path), "\n") {
		if rest, ok := strings.CutPrefix(line, "Title:"); ok {
			return strings.TrimSpace(rest)
		}
	}
	t.Fatalf("%s has no title", path)
	return ""
}

// withCountingVotes is the Anziani dossier with three more votes closed: a Schulze and a Borda vote on
// four proposals, and a secret motion under the rule that counts the schede bianche e nulle among the
// votanti, with 5 favorevoli, 4 contrari and 2 schede bianche out of 11 seats present.
func withCountingVotes() data.Dossier {
	d := anziani()
	options := []data.VoteOption{{ID: "o1", Label: "Centro diurno"}, {ID: "o2", Label: "Trasporto sociale"},
		{ID: "o3", Label: "Custode sociale di quartiere"}, {ID: "o4", Label: "Caffè Alzheimer itinerante"}}
	var seats []data.VoteVoter
	for i := range 11 {
		seats = append(seats, data.VoteVoter{ID: "s" + strconv.Itoa(i+1), Present: true})
	}
	base := data.Vote{SessionID: d.Session.ID, AgendaItemID: "item-07", Status: data.VoteChiusa,
		Rules: data.DefaultRules(data.BodyTavoloTematico), Opened: d.Session.Started.Add(90 * 60e9),
		QuorumPresent: 11, QuorumRequired: 7, QuorumHolds: true}
	schulze, borda, motion := base, base, base
	schulze.ID, schulze.Subject, schulze.Method, schulze.Options = "v2", "Priorità 2028, metodo Schulze", data.MethodSchulze, options
	borda.ID, borda.Subject, borda.Method, borda.Options = "v3", "Priorità 2028, metodo Borda", data.MethodBorda, options
	motion.ID, motion.Subject, motion.Method, motion.Secret, motion.Voters = "v4", "Nomina del referente", data.MethodMotion, true, seats
	motion.Rules.Threshold, motion.Rules.BlankVotanti = data.ThresholdAbsolute, true
	d.Votes = append(append([]data.Vote(nil), d.Votes...), schulze, borda, motion)
	ranked := []data.VoteBallot{{Count: 4, Ranking: []string{"o2", "o1"}}, {Count: 3, Ranking: []string{"o1", "o3", "o2", "o4"}},
		{Count: 2, Ranking: []string{"o3"}}}
	d.Ballots = map[string][]data.VoteBallot{"v2": ranked, "v3": ranked,
		"v4": {{Count: 5, Choice: "favorevole"}, {Count: 4, Choice: "contrario"}, {Count: 2}}}
	return d
}

// TestResultsCountingRules: under the figures, the results PDF states the conventions of the vote's
// own method, and the figures of a motion under the rule that counts the schede bianche e nulle add up
// to the votanti that decided it.
func TestResultsCountingRules(t *testing.T) {
	d := withCountingVotes()
	unweighted := "Il voto di priorità non è ponderato: ogni scheda vale uno, qualunque sia il peso del seggio."
	tests := []struct {
		vote      string
		want, not []string
	}{
		{"v2", []string{"Regole di conteggio",
			"Metodo Schulze a vittorie (winning votes): una vittoria diretta vale quante schede preferiscono la proposta " +
				"vincente; le proposte non classificate su una scheda sono pari tra loro e sotto quelle classificate.",
			unweighted}, []string{"Borda", "Votanti ="}},
		{"v3", []string{"Regole di conteggio",
			"Metodo Borda: con n proposte, quella in posizione p su una scheda (contando da 0) riceve n − 1 − p punti " +
				"(qui da 3 alla prima a 0 all'ultima); le proposte non classificate ricevono 0 punti.",
			unweighted}, []string{"Schulze", "Votanti ="}},
		{"v4", []string{"Regole di conteggio",
			"Respinta: non raggiunta la maggioranza assoluta dei votanti, schede bianche e nulle comprese " +
				"(5 favorevoli, 4 contrari, 0 astenuti). 2 schede nulle.",
			"Schede bianche e nulle 2 Votanti 11 Presenti 11",
			"Votanti = favorevoli + contrari + schede bianche e nulle, come stabiliscono le regole della votazione; " +
				"gli astenuti non sono computati tra i votanti.",
			"Maggioranza assoluta: si approva se i favorevoli sono più della metà dei votanti."},
			[]string{unweighted, "Schulze", "Borda"}},
	}
	// The verbale states the motion's outcome with the same words.
	verbale := pdfText(t, writePDF(t, "verbale-regole.pdf", render(t, Verbale, d)))
	contains(t, "the verbale", verbale, "Respinta: non raggiunta la maggioranza assoluta dei votanti, schede bianche e "+
		"nulle comprese (5 favorevoli, 4 contrari, 0 astenuti). 2 schede nulle.")
	for _, tt := range tests {
		t.Run(tt.vote, func(t *testing.T) {
			b := render(t, func(d data.Dossier) ([]byte, error) { return Results(d, tt.vote) }, d)
			text := pdfText(t, writePDF(t, "risultati-"+tt.vote+".pdf", b))
			contains(t, "Results("+tt.vote+")", text, tt.want...)
			for _, w := range tt.not {
				if strings.Contains(text, w) {
					t.Errorf("Results(%s) states %q, a convention of another method", tt.vote, w)
				}
			}
		})
	}
}
