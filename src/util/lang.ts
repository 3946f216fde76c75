/** The languages of the UI: Chinese (the default) and English. */
export type Lang = 'zh' | 'en';
