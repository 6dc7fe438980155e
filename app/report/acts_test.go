package report

import (
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// The identity of the act: its number in the body's year, its protocol, and the convocation it refers to.
func TestVerbaleNumberAndProtocol(t *testing.T) {
	d := anziani()
	d.Number = 3
	d.Session.VerbaleProtocol, d.Session.VerbaleDate = "456/2027", rome(2027, time.March, 20, 9, 0)
	d.Session.ConvocationProtocol, d.Session.ConvocationDate = "123", rome(2027, time.March, 2, 9, 0)
	text := pdfText(t, writePDF(t, "verbale-numerato.pdf", render(t, Verbale, d)))
	contains(t, "numbered verbale", text, "BOZZA – VERBALE N. 3/2027 DELLA SEDUTA DEL 12 MARZO 2027",
		"Prot. n. 456/2027 del 20/03/2027",
		"regolarmente convocata con nota prot. n. 123 del 02/03/2027 per le ore 15:00.")
	if strings.Contains(text, "____") {
		t.Error("a verbale with its protocol and the convocation's still leaves lines to fill by hand")
	}
}

// approvedAnziani is the Anziani verbale approved on 9 April by a vote seat by seat (or by a show of
// hands with totals), every seat present favorevole but those given.
func approvedAnziani(choices map[string]string, totals []int) data.Dossier {
	d := anziani()
	d.Session.Status = data.SessionApprovata
	in := data.Session{Meta: data.Meta{ID: "sess-anziani-2027-04-09"}, BodyID: "body-anziani",
		Status: data.SessionInCorso, Date: rome(2027, time.April, 9, 15, 0)}
	d.Session.ApprovedInID, d.ApprovedIn = in.ID, &in
	x := data.Vote{Meta: data.Meta{ID: "vote-approval"}, SessionID: in.ID, Subject: data.ApprovalSubject(d.Session),
		Method: data.MethodMotion, Status: data.VoteChiusa}
	var bs []data.VoteBallot
	for i, st := range d.Seats[:8] {
		x.Voters = append(x.Voters, data.VoteVoter{ID: st.ID, Label: st.Name, Weight: 1, Present: true})
		if totals == nil {
			bs = append(bs, data.VoteBallot{VoteID: x.ID, Voter: st.ID, Count: 1, Choice: orChoice(choices[st.ID])})
		}
		_ = i
	}
	for i, n := range totals {
		if n > 0 {
			bs = append(bs, data.VoteBallot{VoteID: x.ID, Count: n, Choice: []string{vote.Favorevole, vote.Contrario, vote.Astenuto}[i]})
		}
	}
	d.Approval = &data.ApprovalRecord{Session: in, Vote: x, Ballots: bs}
	return d
}

func orChoice(c string) string {
	if c == "" {
		return vote.Favorevole
	}
	return c
}

// The approved act says when, by which session and with what vote it was approved.
func TestVerbaleApprovedWithVote(t *testing.T) {
	tests := []struct {
		name    string
		choices map[string]string
		totals  []int
		want    string
	}{
		{"unanimous", nil, nil,
			"Verbale approvato dal Tavolo tematico Anziani nella seduta del 9 aprile 2027, all'unanimità dei presenti."},
		{"one abstained", map[string]string{"seat-08": vote.Astenuto}, nil,
			"nella seduta del 9 aprile 2027, all'unanimità dei votanti, astenuto: Paciano – Servizi sociali."},
		{"against and abstained", map[string]string{"seat-08": vote.Astenuto, "seat-06": vote.Contrario,
			"seat-07": vote.Astenuto}, nil,
			"con 5 voti favorevoli, 1 contrario (Tuoro sul Trasimeno – Servizi sociali) e 2 astenuti " +
				"(Piegaro – Servizi sociali e Paciano – Servizi sociali)."},
		{"show of hands", nil, []int{6, 1, 1},
			"nella seduta del 9 aprile 2027, con votazione palese per alzata di mano, con 6 voti favorevoli, " +
				"1 contrario e 1 astenuto."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writePDF(t, "approvato-"+strings.ReplaceAll(tt.name, " ", "-")+".pdf",
				render(t, Verbale, approvedAnziani(tt.choices, tt.totals)))
			text := strings.Join(strings.Fields(pdfText(t, path)), " ")
			contains(t, "approved verbale", text, tt.want)
			if strings.Contains(text, "BOZZA") || strings.Contains(metaTitle(t, path), "BOZZA") {
				t.Error("the approved verbale still says BOZZA")
			}
		})
	}
}

// The convocation letter: protocol, place and date, the seconda convocazione the mayors' rules foresee,
// and the members it is sent to, from the membership.
func TestConvocazioneActs(t *testing.T) {
	d := sindaciDossier()
	d.Session.ConvocationProtocol, d.Session.ConvocationDate = "1234", rome(2027, time.March, 20, 9, 0)
	text := strings.Join(strings.Fields(pdfText(t, writePDF(t, "convocazione-protocollo.pdf", render(t, Convocazione, d)))), " ")
	contains(t, "convocazione", text, "Prot. n. 1234 del 20/03/2027", "Castiglione del Lago, 20 marzo 2027",
		"prima convocazione: venerdì 2 aprile 2027, ore 10:00 (seconda convocazione ore 10:30).",
		"è convocata in prima convocazione per venerdì 2 aprile 2027, alle ore 10:00, e occorrendo in seconda "+
			"convocazione lo stesso giorno alle ore 10:30, presso Palazzo della Corgna",
		"Per la validità della seduta in seconda convocazione è necessaria la presenza di almeno un terzo dei componenti",
		"1. Burico Matteo – Sindaco del Comune di Castiglione del Lago",
		"Baiocco Giulio – Sindaco del Comune di Panicale",
		"Fratini Maria Cristina – per delega permanente del Comune di Panicale",
		"Ricciarelli Roberto – Sindaco del Comune di Piegaro",
		"Bellezza Cristina – Sindaca del Comune di Paciano")
	if strings.Contains(text, "____") {
		t.Error("a letter with its protocol still leaves lines to fill by hand")
	}

	// Without a protocol, lines to fill; a seat with no member is written to its mayor.
	d = sindaciDossier()
	var members []data.MembershipView
	for _, m := range d.Members {
		if m.SeatID != "comune-8" {
			members = append(members, m)
		}
	}
	d.Members = members
	d.Body.Rules.SecondCall = 0
	text = strings.Join(strings.Fields(pdfText(t, writePDF(t, "convocazione-senza-protocollo.pdf", render(t, Convocazione, d)))), " ")
	contains(t, "convocazione without protocol", text, "Prot. n. ____________ del ____________",
		"Castiglione del Lago, ________________", "9. Sindaco del Comune di Paciano")
	if strings.Contains(text, "seconda convocazione") {
		t.Error("a letter announces a seconda convocazione its body's rules do not foresee")
	}
}

// The mayors' comuni are named with their article.
func TestVerbaleApprovedByMayors(t *testing.T) {
	d := sindaciDossier()
	d.Session.Status = data.SessionApprovata
	in := data.Session{Meta: data.Meta{ID: "sess-sindaci-2027-05-07"}, BodyID: "body-sindaci", Date: rome(2027, time.May, 7, 10, 0)}
	d.ApprovedIn = &in
	x := data.Vote{Meta: data.Meta{ID: "vote-approval"}, Method: data.MethodMotion, Status: data.VoteChiusa}
	var bs []data.VoteBallot
	for _, st := range d.Seats[:6] {
		bs = append(bs, data.VoteBallot{VoteID: x.ID, Voter: st.ID, Count: 1, Choice: vote.Favorevole})
	}
	bs = append(bs, data.VoteBallot{VoteID: x.ID, Voter: d.Seats[7].ID, Count: 1, Choice: vote.Astenuto})
	d.Approval = &data.ApprovalRecord{Session: in, Vote: x, Ballots: bs}
	text := strings.Join(strings.Fields(pdfText(t, writePDF(t, "approvato-sindaci.pdf", render(t, Verbale, d)))), " ")
	contains(t, "verbale approved by the mayors", text, "Verbale approvato dal Tavolo dei Sindaci nella seduta "+
		"del 7 maggio 2027, all'unanimità dei votanti, astenuto il Comune di Paciano.")
}

// The verbale lists who spoke on each item, in order, with the durations when the secretary wants them.
func TestVerbaleSpeakers(t *testing.T) {
	d := anziani()
	item := agenda(d)[1]
	at := func(mm int) time.Time { return rome(2027, time.March, 12, 16, mm) }
	d.Speeches = []data.Speech{
		{Meta: data.Meta{ID: "sp1"}, SessionID: d.Session.ID, AgendaItemID: item.ID, PersonID: "holder-01", Position: 1,
			Started: at(0), Ended: at(4), Speaker: data.Naming{Name: "Maria", Surname: "Rossi"}},
		{Meta: data.Meta{ID: "sp2"}, SessionID: d.Session.ID, AgendaItemID: item.ID, PersonID: "holder-10", Position: 2,
			Started: at(4), Ended: at(6), Speaker: data.Naming{Name: "Ilario", Surname: "Gori"}},
		{Meta: data.Meta{ID: "sp3"}, SessionID: d.Session.ID, AgendaItemID: item.ID, PersonID: "holder-02", Position: 3,
			Speaker: data.Naming{Name: "Luca", Surname: "Bianchi"}}, // asked, never heard
	}
	flat := func(b []byte, name string) string {
		return strings.Join(strings.Fields(pdfText(t, writePDF(t, name, b))), " ")
	}
	text := flat(render(t, Verbale, d), "verbale-interventi.pdf")
	contains(t, "verbale with speakers", text, "Intervengono, nell'ordine: Maria Rossi (Castiglione del Lago – Servizi "+
		"sociali); Ilario Gori (SPI CGIL Trasimeno).")
	if strings.Contains(text, "Luca Bianchi") || strings.Contains(text, "4 min") {
		t.Error("the verbale names a speaker never heard, or gives durations nobody asked for")
	}
	d.Session.SpeechTimes = true
	text = flat(render(t, Verbale, d), "verbale-interventi-durata.pdf")
	contains(t, "verbale with speech times", text, "Maria Rossi (Castiglione del Lago – Servizi sociali, 4 min); "+
		"Ilario Gori (SPI CGIL Trasimeno, 2 min).")
}
