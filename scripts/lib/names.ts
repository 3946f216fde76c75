/** Name material for the fictitious sample (all persons and places are invented). */
import type { Rng } from './prng';

/** Common surnames, roughly by frequency (weights are relative). */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 72], ['张', 68], ['刘', 52], ['陈', 45], ['杨', 32], ['赵', 23], ['黄', 22],
  ['周', 21], ['吴', 20], ['徐', 14], ['孙', 14], ['胡', 12], ['朱', 12], ['高', 11], ['林', 10],
  ['何', 10], ['郭', 10], ['马', 9], ['罗', 8], ['梁', 8], ['宋', 7], ['郑', 7], ['谢', 6],
  ['韩', 6], ['唐', 6], ['冯', 6], ['于', 5], ['董', 5], ['萧', 4], ['程', 4], ['曹', 4],
  ['袁', 4], ['邓', 4], ['许', 4], ['傅', 3], ['沈', 3], ['曾', 3], ['彭', 3], ['吕', 3],
  ['苏', 3], ['卢', 3], ['蒋', 3], ['蔡', 3], ['贾', 3], ['丁', 2], ['魏', 2], ['薛', 2],
  ['叶', 2], ['阎', 2], ['余', 2], ['潘', 2], ['杜', 2], ['戴', 2], ['夏', 2], ['钟', 2],
  ['汪', 2], ['田', 2], ['任', 2], ['姜', 2], ['范', 2], ['方', 2], ['石', 2], ['姚', 2],
  ['谭', 1], ['廖', 1], ['邹', 1], ['熊', 1], ['金', 1], ['陆', 1], ['郝', 1], ['孔', 1],
  ['白', 1], ['崔', 1], ['康', 1], ['毛', 1], ['邱', 1], ['秦', 1], ['江', 1], ['史', 1],
];

/** Given names: first character from *_FIRST, second from *_SECOND; one-character names use *_SECOND. */
export const MALE_FIRST: readonly string[] = [
  '建', '国', '志', '永', '德', '文', '明', '海', '俊', '宏', '振', '庆', '春', '长', '金', '新', '立', '学',
  '保', '小', '红', '万', '玉', '家', '成', '卫', '东', '晓', '浩', '子',
];
export const MALE_SECOND: readonly string[] = [
  '军', '华', '强', '明', '平', '伟', '林', '东', '忠', '良', '生', '峰', '刚', '勇', '斌', '涛', '杰', '辉',
  '波', '成', '亮', '鹏', '磊', '超', '龙', '飞', '宇', '博', '凯', '洋', '军', '民', '山', '福', '祥', '武',
];
export const FEMALE_FIRST: readonly string[] = [
  '秀', '桂', '玉', '春', '丽', '美', '晓', '淑', '素', '凤', '雪', '海', '红', '金', '艳', '小', '雅', '思',
];
export const FEMALE_SECOND: readonly string[] = [
  '英', '兰', '芳', '珍', '梅', '霞', '华', '琴', '娟', '敏', '红', '萍', '燕', '玲', '云', '莲', '静', '婷',
  '丽', '娜', '琳', '洁', '颖', '雪',
];

export function pickSurname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

/** Given name of 1 (≈25%) or 2 characters, without a doubled character. */
export function givenName(rng: Rng, female: boolean): string {
  const first = female ? FEMALE_FIRST : MALE_FIRST;
  const second = female ? FEMALE_SECOND : MALE_SECOND;
  if (rng.chance(0.25)) return rng.pick(second);
  const a = rng.pick(first);
  let b = rng.pick(second);
  while (b === a) b = rng.pick(second);
  return a + b;
}

/** Parts for village names: 李家 + 庄村, 东河 + 村 … */
export const PLACE_PREFIXES: readonly string[] = [
  '东河', '西坡', '南岗', '北岭', '前进', '红旗', '新庄', '大柳树', '小王', '上河', '下河', '中心',
  '石门', '杏花', '桃园', '梨树', '槐树', '双井', '三里', '五里', '十里', '黄土', '白杨', '青石',
  '金山', '龙泉', '凤凰', '太平', '和平', '兴隆', '永安', '长乐', '福田', '官庄', '沙河', '柳河',
  '马坊', '高桥', '瓦窑', '枣林', '榆树', '松林', '白塔', '古城', '铁炉', '油坊', '磨盘', '仓上',
  '前屯', '后屯', '东营', '西营', '南湖', '北湖', '新华', '胜利', '团结', '光明', '丰收', '康庄',
];

export const PLACE_SUFFIXES: readonly string[] = ['村', '村', '村', '庄村', '营村', '屯村', '沟村', '堡村', '店村', '寨村', '湾村', '铺村'];

export const FAMILY_SURNAMES: readonly string[] = [
  '李', '王', '张', '刘', '陈', '杨', '赵', '周', '吴', '孙', '马', '朱', '郭', '何', '高', '冯',
  '韩', '曹', '董', '田', '任', '段', '崔', '侯', '邵', '贺', '庞', '钱', '葛', '尹',
];

export const COMMUNITY_NAMES: readonly string[] = [
  '城东社区', '城西社区', '南关社区', '北关社区', '东关社区', '西关社区', '文化路社区', '人民路社区',
  '建设路社区', '解放路社区', '新华社区', '育才社区', '滨河社区', '幸福社区', '光明社区', '朝阳社区',
  '和平社区', '康乐社区', '翠园社区', '锦绣社区',
];

/** A plausible village name (李家庄村, 东河村, 张家营村 …); the caller checks uniqueness. */
export function villageName(rng: Rng): string {
  if (rng.chance(0.45)) {
    const s = rng.pick(FAMILY_SURNAMES);
    const form = rng.weighted([
      ['家村', 3], ['家庄村', 3], ['庄村', 2], ['家营村', 1], ['家沟村', 1], ['家屯村', 1], ['家堡村', 1],
      ['家店村', 1], ['家寨村', 1], ['家湾村', 1],
    ] as const);
    return s + form;
  }
  const p = rng.pick(PLACE_PREFIXES);
  const suffix = rng.pick(PLACE_SUFFIXES);
  if (p.endsWith('里')) return p + rng.pick(['铺村', '屯村', '堡村', '店村']);
  return p + suffix;
}

/** The surname a village is named after (李家村 → 李), if any. */
export function villageSurname(name: string): string | null {
  const first = name.charAt(0);
  if (FAMILY_SURNAMES.includes(first) && (name.charAt(1) === '家' || name.charAt(1) === '庄')) return first;
  return null;
}
