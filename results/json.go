package results

func init() {
	register(Format{Name: "json", Summary: "the results document itself (" + Schema + ")", Ext: ".json",
		Renderer: RendererFunc(func(s Sink, d *Document) error {
			w, err := s.Part("")
			if err != nil {
				return err
			}
			return d.Write(w)
		})})
}
