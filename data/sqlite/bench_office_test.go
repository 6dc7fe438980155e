package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/csvexport"
)

// officeScale is the size the Ufficio di Piano's benchmarks measure: the demo at scale 100.
const officeScale = 100

// officeProposals is how many proposals the benchmarks want at that scale: a district whose tables
// met for a whole plan, a dozen ideas per table and meeting.
const officeProposals = 12 * officeScale

// officeStore opens the demo at scale 100 and, when the demo does not bring that many proposals, adds
// copies of its own (other titles, the same areas, kinds and proposers) so that the measure is of a
// district at size whatever the demo generates.
func officeStore(b *testing.B) *Store {
	b.Helper()
	ctx := context.Background()
	s := openAt(b, demoDB(b, officeScale), testOptions())
	list, err := s.Proposals(ctx, data.ProposalFilter{})
	must(b, "Proposals", err)
	for i := 0; len(list)+i < officeProposals; i++ {
		src := list[i%len(list)].Proposal
		p := data.Proposal{AreaID: src.AreaID, Kind: src.Kind, Title: fmt.Sprintf("%s (%d)", src.Title, i),
			Text: src.Text, TargetGroup: src.TargetGroup, ProposerID: src.ProposerID, OrganisationID: src.OrganisationID,
			ComuneIDs: src.ComuneIDs, Cost: src.Cost, Duration: src.Duration}
		_, err := s.SaveProposal(ctx, p)
		must(b, "SaveProposal", err)
	}
	return s
}

func BenchmarkProposalSearch(b *testing.B) {
	ctx := context.Background()
	s := officeStore(b)
	areas, err := s.Areas(ctx)
	must(b, "Areas", err)
	all, err := s.Proposals(ctx, data.ProposalFilter{})
	must(b, "Proposals", err)
	b.ReportMetric(float64(len(all)), "proposals")
	for _, tt := range []struct {
		name string
		f    data.ProposalFilter
	}{
		{"query", data.ProposalFilter{Query: "assistenza domicil"}},
		{"query+filters", data.ProposalFilter{Query: "servizi", AreaID: areas[len(areas)/2].ID, Kind: data.KindIpotesi,
			Sort: data.SortPriority}},
		{"all by area", data.ProposalFilter{Sort: data.SortArea}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			var found int
			b.ResetTimer()
			for range b.N {
				list, err := s.Proposals(ctx, tt.f)
				if err != nil {
					b.Fatalf("Proposals(%+v) = %v", tt.f, err)
				}
				found = len(list)
			}
			b.ReportMetric(float64(len(all)), "proposals")
			b.ReportMetric(float64(found), "found")
		})
	}
}

func BenchmarkSynthesisPDF(b *testing.B) {
	ctx := context.Background()
	s := officeStore(b)
	var size int
	b.ResetTimer()
	for range b.N {
		syn, err := s.Synthesis(ctx, "")
		if err != nil {
			b.Fatalf("Synthesis = %v", err)
		}
		pdf, err := report.Sintesi(syn)
		if err != nil {
			b.Fatalf("Sintesi = %v", err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}

// BenchmarkRelazione is the relazione annuale of the demo's busiest year at scale 100, gathered from the
// store and written as a PDF and as CSV: the issue asks for at most a second.
func BenchmarkRelazione(b *testing.B) {
	ctx := context.Background()
	s := officeStore(b)
	sessions, err := s.Sessions(ctx, data.SessionFilter{})
	must(b, "Sessions", err)
	perYear := map[int]int{}
	year := 0
	for _, v := range sessions {
		y := v.Date.In(data.Zone).Year()
		if perYear[y]++; year == 0 || perYear[y] > perYear[year] {
			year = y
		}
	}
	var size, meetings int
	b.ResetTimer()
	for range b.N {
		r, err := s.Relazione(ctx, year)
		if err != nil {
			b.Fatalf("Relazione(%d) = %v", year, err)
		}
		pdf, err := report.Relazione(r)
		if err != nil {
			b.Fatalf("report.Relazione = %v", err)
		}
		var csv bytes.Buffer
		if err := csvexport.Relazione(&csv, r); err != nil {
			b.Fatalf("csvexport.Relazione = %v", err)
		}
		size, meetings = len(pdf), r.Participation.Meetings
	}
	b.ReportMetric(float64(size)/1024, "KiB")
	b.ReportMetric(float64(meetings), "meetings")
}
