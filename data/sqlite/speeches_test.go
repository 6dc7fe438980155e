package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// TestSpeakersList: people queue to speak on an item, the floor passes in order with the times kept,
// nobody waits twice, and the list travels to another laptop and is locked with the approved session.
func TestSpeakersList(t *testing.T) {
	c := newClosedMarch(t) // april is in corso
	april := c.april.ID
	item := c.agenda(t, april)[0].ID
	queue := func(person string) data.Speech {
		t.Helper()
		sp, err := c.s.QueueSpeaker(c.ctx, april, item, person)
		must(t, "QueueSpeaker", err)
		return sp
	}
	if sp := queue(c.rossi.ID); sp.Position != 1 || !sp.Waiting() {
		t.Errorf("first speaker = %+v, want position 1, waiting", sp)
	}
	queue(c.bianchi.ID)
	_, err := c.s.QueueSpeaker(c.ctx, april, item, c.rossi.ID)
	wantErr(t, "QueueSpeaker(rossi again)", err, data.EConflict, "err.speech.queued")

	c.clock.set(meetDay(4, 9, 15, 10))
	list, err := c.s.NextSpeaker(c.ctx, april, item)
	must(t, "NextSpeaker", err)
	if len(list) != 2 || !list[0].Speaking() || !list[1].Waiting() || list[0].Speaker.Surname != "Rossi" {
		t.Fatalf("after the first NextSpeaker = %+v, want Rossi speaking, Bianchi waiting", list)
	}
	c.clock.set(meetDay(4, 9, 15, 14))
	list, err = c.s.NextSpeaker(c.ctx, april, item)
	must(t, "NextSpeaker", err)
	if got := list[0].Duration(time.Time{}); got != 4*time.Minute || !list[1].Speaking() {
		t.Errorf("after the second NextSpeaker: Rossi spoke %v, Bianchi speaking %v; want 4m0s and true", got, list[1].Speaking())
	}
	// Rossi may ask to speak again once heard.
	if sp := queue(c.rossi.ID); sp.Position != 3 {
		t.Errorf("Rossi again at position %d, want 3", sp.Position)
	}
	c.clock.set(meetDay(4, 9, 15, 20))
	_, err = c.s.NextSpeaker(c.ctx, april, item)
	must(t, "NextSpeaker", err)
	list, err = c.s.NextSpeaker(c.ctx, april, item) // nobody waiting: the floor is free
	must(t, "NextSpeaker", err)
	for _, x := range list {
		if x.Speaking() || x.Waiting() {
			t.Errorf("after the list is done, %+v still speaks or waits", x)
		}
	}
	d, err := c.s.Dossier(c.ctx, april)
	must(t, "Dossier", err)
	if got := d.ItemSpeeches(item); len(got) != 3 || got[0].PersonID != c.rossi.ID || got[1].PersonID != c.bianchi.ID {
		t.Errorf("Dossier.ItemSpeeches = %+v, want Rossi, Bianchi, Rossi", got)
	}

	// Another laptop receives the list.
	other := openAt(t, filepath.Join(t.TempDir(), "altro.db"), testOptions())
	exchange(t, c.s, other, bundle.ExportOptions{Everything: true})
	got, err := other.Speeches(c.ctx, april)
	must(t, "Speeches on the other laptop", err)
	if len(got) != 3 || !got[0].Started.Equal(list[0].Started) || !got[2].Ended.Equal(list[2].Ended) {
		t.Errorf("speeches on the other laptop = %+v, want the three with their times", got)
	}

	// Not in corso: no queue.
	_, err = c.s.QueueSpeaker(c.ctx, c.march.ID, c.agenda(t, c.march.ID)[0].ID, c.rossi.ID)
	wantErr(t, "QueueSpeaker(closed session)", err, data.EInvalid, "err.session.not_running")
}
