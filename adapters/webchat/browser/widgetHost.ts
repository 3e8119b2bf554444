/** The name the embed keeps on the host page's window, so a page that includes the tag twice gets one button. */
export const WIDGET_BUTTON_GLOBAL = '__kefuWidget'
