import { cellIssue, prepareCell } from './placeholder';
import type { Parsed } from './types';

/** The 55 officially recognised minority nationalities, without 族. */
export const MINORITIES: readonly string[] = [
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
];
const MINORITY_SET: ReadonlySet<string> = new Set(MINORITIES);

// Romanised and English names, lowercase, for files prepared in English.
const MINORITY_EN: ReadonlySet<string> = new Set([
  'mongol',
  'mongolian',
  'hui',
  'tibetan',
  'zang',
  'uyghur',
  'uygur',
  'uighur',
  'miao',
  'hmong',
  'yi',
  'zhuang',
  'bouyei',
  'buyei',
  'buyi',
  'korean',
  'chaoxian',
  'manchu',
  'man',
  'dong',
  'yao',
  'bai',
  'tujia',
  'hani',
  'kazakh',
  'dai',
  'li',
  'lisu',
  'wa',
  'she',
  'gaoshan',
  'lahu',
  'shui',
  'dongxiang',
  'naxi',
  'jingpo',
  'kyrgyz',
  'kirgiz',
  'tu',
  'monguor',
  'daur',
  'mulao',
  'mulam',
  'qiang',
  'blang',
  'bulang',
  'salar',
  'maonan',
  'gelao',
  'xibe',
  'xibo',
  'achang',
  'pumi',
  'tajik',
  'nu',
  'uzbek',
  'russian',
  'evenki',
  'ewenki',
  'deang',
  'bonan',
  'baoan',
  'yugur',
  'yugu',
  'gin',
  'jing',
  'tatar',
  'derung',
  'dulong',
  'oroqen',
  'hezhen',
  'hezhe',
  'monba',
  'menba',
  'lhoba',
  'luoba',
  'jino',
  'jinuo',
  'minority',
  'ethnic minority',
]);

/** Is the person of a minority nationality? 汉族 → false; the 55 recognised names → true. */
export function parseEthnicity(raw: string): Parsed<boolean> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const t = c.text.replace(/ /g, '');
  const name = t.replace(/族$/, '');
  if (name === '汉') return { value: false };
  if (MINORITY_SET.has(name) || t === '少数民族') return { value: true };
  const en = c.text
    .toLowerCase()
    .replace(/['’-]/g, '')
    .replace(/\s+(chinese|ethnic group|ethnicity|nationality|people)$/, '')
    .trim();
  if (en === 'han') return { value: false };
  if (MINORITY_EN.has(en)) return { value: true };
  // Any other "…族" is some nationality other than Han (a misspelling or an unrecognised group):
  // minority is the best reading, but the user should check it.
  if (t.length > 1 && t.endsWith('族') && t !== '民族')
    return { value: true, issue: { code: 'unknown_ethnicity', params: { value: raw } } };
  return cellIssue('unknown_ethnicity', raw);
}
