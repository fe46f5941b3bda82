/*
 * cairo and pango, for the PDFs (books, notices, assessment reports) and the
 * portal's QR images, loaded the first time one is drawn (see lazylib.h).
 * Include this instead of cairo.h, cairo-pdf.h and pango/pangocairo.h.
 */
#ifndef QL_LAZY_GFX_H
#define QL_LAZY_GFX_H

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "lazylib.h"

/* The functions the program calls, X-macro. */
#define GFX_FUNCS(X)                                                                               \
	X(cairo_create)                                                                            \
	X(cairo_destroy)                                                                           \
	X(cairo_fill)                                                                              \
	X(cairo_image_surface_create)                                                              \
	X(cairo_line_to)                                                                           \
	X(cairo_move_to)                                                                           \
	X(cairo_pdf_surface_create_for_stream)                                                     \
	X(cairo_pdf_surface_set_metadata)                                                          \
	X(cairo_rectangle)                                                                         \
	X(cairo_restore)                                                                           \
	X(cairo_save)                                                                              \
	X(cairo_set_antialias)                                                                     \
	X(cairo_set_line_width)                                                                    \
	X(cairo_set_source_rgb)                                                                    \
	X(cairo_show_page)                                                                         \
	X(cairo_status_to_string)                                                                  \
	X(cairo_stroke)                                                                            \
	X(cairo_surface_destroy)                                                                   \
	X(cairo_surface_finish)                                                                    \
	X(cairo_surface_status)                                                                    \
	X(cairo_surface_write_to_png_stream)                                                       \
	X(g_object_unref)                                                                          \
	X(pango_cairo_font_map_new)                                                                \
	X(pango_cairo_font_map_set_resolution)                                                     \
	X(pango_cairo_layout_path)                                                                 \
	X(pango_cairo_update_context)                                                              \
	X(pango_font_description_free)                                                             \
	X(pango_font_description_from_string)                                                      \
	X(pango_font_map_create_context)                                                           \
	X(pango_layout_get_pixel_size)                                                             \
	X(pango_layout_new)                                                                        \
	X(pango_layout_set_alignment)                                                              \
	X(pango_layout_set_font_description)                                                       \
	X(pango_layout_set_text)                                                                   \
	X(pango_layout_set_width)                                                                  \
	X(pango_layout_set_wrap)

struct gfx_api {
	GFX_FUNCS(LAZYLIB_FIELD)
};

const struct gfx_api *gfx_api(void);

#ifndef QL_LAZY_GFX_IMPL
#define cairo_create			    (gfx_api()->cairo_create)
#define cairo_destroy			    (gfx_api()->cairo_destroy)
#define cairo_fill			    (gfx_api()->cairo_fill)
#define cairo_image_surface_create	    (gfx_api()->cairo_image_surface_create)
#define cairo_line_to			    (gfx_api()->cairo_line_to)
#define cairo_move_to			    (gfx_api()->cairo_move_to)
#define cairo_pdf_surface_create_for_stream (gfx_api()->cairo_pdf_surface_create_for_stream)
#define cairo_pdf_surface_set_metadata	    (gfx_api()->cairo_pdf_surface_set_metadata)
#define cairo_rectangle			    (gfx_api()->cairo_rectangle)
#define cairo_restore			    (gfx_api()->cairo_restore)
#define cairo_save			    (gfx_api()->cairo_save)
#define cairo_set_antialias		    (gfx_api()->cairo_set_antialias)
#define cairo_set_line_width		    (gfx_api()->cairo_set_line_width)
#define cairo_set_source_rgb		    (gfx_api()->cairo_set_source_rgb)
#define cairo_show_page			    (gfx_api()->cairo_show_page)
#define cairo_status_to_string		    (gfx_api()->cairo_status_to_string)
#define cairo_stroke			    (gfx_api()->cairo_stroke)
#define cairo_surface_destroy		    (gfx_api()->cairo_surface_destroy)
#define cairo_surface_finish		    (gfx_api()->cairo_surface_finish)
#define cairo_surface_status		    (gfx_api()->cairo_surface_status)
#define cairo_surface_write_to_png_stream   (gfx_api()->cairo_surface_write_to_png_stream)
#define g_object_unref			    (gfx_api()->g_object_unref)
#define pango_cairo_font_map_new	    (gfx_api()->pango_cairo_font_map_new)
#define pango_cairo_font_map_set_resolution (gfx_api()->pango_cairo_font_map_set_resolution)
#define pango_cairo_layout_path		    (gfx_api()->pango_cairo_layout_path)
#define pango_cairo_update_context	    (gfx_api()->pango_cairo_update_context)
#define pango_font_description_free	    (gfx_api()->pango_font_description_free)
#define pango_font_description_from_string  (gfx_api()->pango_font_description_from_string)
#define pango_font_map_create_context	    (gfx_api()->pango_font_map_create_context)
#define pango_layout_get_pixel_size	    (gfx_api()->pango_layout_get_pixel_size)
#define pango_layout_new		    (gfx_api()->pango_layout_new)
#define pango_layout_set_alignment	    (gfx_api()->pango_layout_set_alignment)
#define pango_layout_set_font_description   (gfx_api()->pango_layout_set_font_description)
#define pango_layout_set_text		    (gfx_api()->pango_layout_set_text)
#define pango_layout_set_width		    (gfx_api()->pango_layout_set_width)
#define pango_layout_set_wrap		    (gfx_api()->pango_layout_set_wrap)
#endif

#endif
