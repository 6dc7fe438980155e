package sqlite

import (
	"context"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestRegisterDevice(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if err := s.RegisterDevice(ctx, "portatile-tavolo-1", "Lucia Ferri"); err != nil {
		t.Fatal(err)
	}
	empty, err := s.IsEmpty(ctx)
	if err != nil || !empty {
		t.Errorf("IsEmpty after RegisterDevice = %v, %v; want true (installations do not count)", empty, err)
	}
	saved := s.LastSaved()
	if err := s.RegisterDevice(ctx, "portatile-tavolo-1", "Lucia Ferri"); err != nil {
		t.Fatal(err)
	}
	if s.LastSaved() != saved {
		t.Errorf("RegisterDevice with the same names wrote again (LastSaved %v, want %v)", s.LastSaved(), saved)
	}
	if err := s.RegisterDevice(ctx, "portatile-tavolo-1", "Marco Tomassini"); err != nil {
		t.Fatal(err)
	}
	devices, err := s.Devices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := devices[s.Device()]
	if !ok || d.Name != "portatile-tavolo-1" || d.Operator != "Marco Tomassini" || d.Label() != "Marco Tomassini" {
		t.Errorf("Devices()[%s] = %+v, %v; want the computer with operator Marco Tomassini", s.Device(), d, ok)
	}
	if len(devices) != 1 {
		t.Errorf("Devices() = %d entries, want 1", len(devices))
	}
	if _, err := s.Delete(ctx, data.Ref{Kind: data.KindDevice, ID: s.Device()}); data.ErrorCode(err) != data.EInvalid {
		t.Errorf("Delete(device) = %v, want code %s", err, data.EInvalid)
	}
	if got := (data.Device{Name: "pc"}).Label(); got != "pc" {
		t.Errorf("Label() without operator = %q, want the computer's name", got)
	}
}
